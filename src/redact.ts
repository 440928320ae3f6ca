/**
 * Keeps credentials out of every message and log line: the bot token, the ops password and the
 * passwords inside DATABASE_URL and REDIS_URL. Config registers what it read; the logger and every
 * place that prints an error to a terminal pass their text through `redact`.
 */

export const MASK = '***';

// user:password@ in anything shaped like a URL, even one too broken for `new URL` (the validation path
// echoes exactly such values): the scheme is optional so "postgres//u:p@h" is caught as well.
const URL_PASSWORD = /((?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/[^\s/@:'"]*:)([^\s/@'"]*)@/g;

const known = new Set<string>();

/** The password of a URL, as written and as decoded (both can end up in a message). */
export function passwordsInUrl(value: string | undefined): string[] {
  if (!value) return [];
  const found = new Set<string>();
  for (const match of value.matchAll(URL_PASSWORD)) {
    const raw = match[2] ?? '';
    if (raw) found.add(raw);
  }
  try {
    const url = new URL(value.trim());
    if (url.password) {
      found.add(url.password);
      found.add(decodeURIComponent(url.password));
    }
  } catch {
    // Not a URL: the pattern above found what there is to find.
  }
  return [...found];
}

/**
 * Remembers secrets for the life of the process, so a log line or error message written anywhere
 * later is masked. Very short values are ignored: masking "a" everywhere would garble every message.
 */
export function rememberSecrets(values: readonly (string | undefined)[]): void {
  for (const value of values) {
    if (typeof value !== 'string' || value.trim().length < 4) continue;
    known.add(value);
    known.add(value.trim());
    // A JSON log line carries a string escaped; mask that spelling too.
    known.add(JSON.stringify(value).slice(1, -1));
  }
}

/** The text with every URL password and every remembered secret replaced by ***. */
export function redact(text: string): string {
  let out = text.replace(URL_PASSWORD, (_all, head: string, password: string) => (password ? `${head}${MASK}@` : `${head}@`));
  // Longest first, so a secret that contains another is masked whole.
  for (const secret of [...known].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/** An error as one printable line (or its stack), masked. */
export function describeError(error: unknown, withStack: boolean): string {
  const text = error instanceof Error ? (withStack ? (error.stack ?? error.message) : error.message) : String(error);
  return redact(text);
}
