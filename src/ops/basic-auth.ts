import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * True when an Authorization header carries HTTP basic credentials with this password (any user name).
 * Compared as hashes in constant time, so neither length nor content leaks through timing.
 */
export function hasBasicPassword(header: string | undefined, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return false;
  return timingSafeEqual(digest(decoded.slice(colon + 1)), digest(password));
}
