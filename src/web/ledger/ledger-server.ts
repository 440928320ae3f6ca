import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { AppContext } from '../../app/context.js';
import { StartupError } from '../../errors.js';
import type { GuildMembers, LedgerLinks } from '../../ports.js';
import { createLedgerApp } from './ledger-app.js';
import { createLedgerTokens } from './ledger-tokens.js';

export interface LedgerListenOptions {
  /** 0 picks a free port (tests). */
  port: number;
  host: string;
  /** Where people open it (PUBLIC_URL); default the listener's own address. */
  publicUrl?: string | undefined;
  linkHours: number;
  secret: string;
  /** When the port is taken, listen on a free one instead (the sandbox, beside a running bot). */
  fallbackToFreePort?: boolean;
}

export interface LedgerServer {
  /** The listener's own address. */
  url: string;
  /** Links for the /ledger command (through the app context). */
  links: LedgerLinks;
  /** The web application's fetch, for calling it without a socket (benchmarks). */
  fetch(request: Request): Promise<Response>;
  close(): Promise<void>;
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Starts the ledger's listener: the web app on its own port, and the issuer of its links. */
export async function startLedgerServer(options: LedgerListenOptions & { app: AppContext; members: GuildMembers }): Promise<LedgerServer> {
  const tokens = createLedgerTokens({ secret: options.secret, clock: options.app.clock, linkHours: options.linkHours });
  const publicUrl = options.publicUrl?.replace(/\/+$/, '');
  const web = createLedgerApp({ app: options.app, members: options.members, tokens, secureCookie: publicUrl?.startsWith('https:') ?? false });
  const listen = (port: number) =>
    new Promise<ServerType>((resolve, reject) => {
      const started = serve({ fetch: web.fetch, port, hostname: options.host }, () => resolve(started));
      started.once('error', reject);
    });
  let server: ServerType;
  try {
    server = await listen(options.port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (!options.fallbackToFreePort) {
      throw new StartupError(
        `The ledger's port ${options.host}:${options.port} is in use (another duban process?). Set LEDGER_PORT to a free port for this process, or LEDGER_PORT=off.`,
      );
    }
    options.app.logger.warn({ port: options.port }, 'ledger port taken: listening on a free port instead');
    server = await listen(0);
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${hostForUrl(options.host)}:${port}`;
  const baseUrl = publicUrl ?? url;
  options.app.logger.info({ url, publicUrl: baseUrl }, 'ledger listener ready');
  return {
    url,
    links: {
      baseUrl,
      async issue(input) {
        const { token, claims } = await tokens.issueLink(input);
        const to = input.path && input.path !== '/' ? `?to=${encodeURIComponent(input.path)}` : '';
        return { url: `${baseUrl}/l/${token}${to}`, expiresAt: claims.expiresAt };
      },
    },
    fetch: async (request) => web.fetch(request),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of browsers would otherwise hold close() open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
