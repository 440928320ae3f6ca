import type { IncomingMessage } from 'node:http';

/** Names by which the listener is reached on this machine (an SSH tunnel, curl, Prometheus on the host). */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A Host header value split into its name (lower case, IPv6 in brackets) and port; null when it is not one. */
export function splitHost(value: string): { name: string; port: string | null } | null {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match?.[1]) return null;
  return { name: match[1].toLowerCase(), port: match[2] ?? null };
}

/**
 * Whether a request's Host header names this listener: a loopback name, or one of the configured public
 * names (OPS_ALLOWED_HOSTS, for a reverse proxy that passes its own Host on). Anything else is refused,
 * so a web page whose DNS name was rebound to 127.0.0.1 cannot read the listener from a browser.
 * A configured entry with a port matches that port only.
 */
export function hostAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const header = req.headers.host;
  if (typeof header !== 'string') return false;
  const host = splitHost(header);
  if (!host) return false;
  if (LOOPBACK_NAMES.has(host.name)) return true;
  return allowed.some((entry) => {
    const wanted = splitHost(entry);
    return wanted !== null && wanted.name === host.name && (wanted.port === null || wanted.port === host.port);
  });
}
