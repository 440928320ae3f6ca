import * as chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Bytes of a plain-text or HTML file → string. Chinese government files come in UTF-8 or GB18030/GBK (older
 * Windows tools), sometimes UTF-16 with a BOM: the encoding is detected, never assumed.
 */

export interface DecodedText {
  text: string;
  encoding: string;
}

const GB_FAMILY = new Set(['GB18030', 'GBK', 'GB2312', 'EUC-CN', 'HZ-GB-2312', 'X-GBK', 'CP936']);

export function decodeText(bytes: Uint8Array, declaredCharset: string | null = null): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  // Valid UTF-8 is almost never an accident for Chinese text, so it wins over any guess.
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };
  const declared = declaredCharset?.toUpperCase() ?? null;
  if (declared && declared !== 'UTF-8' && iconv.encodingExists(declared)) {
    return { text: iconv.decode(Buffer.from(bytes), GB_FAMILY.has(declared) ? 'gb18030' : declared), encoding: declared };
  }
  const guess = chardet.detect(bytes)?.toUpperCase() ?? null;
  // GB18030 is a superset of GBK and GB2312: decoding with it never loses characters the smaller ones have.
  if (guess === null || GB_FAMILY.has(guess) || guess.startsWith('ISO-8859') || guess.startsWith('WINDOWS-125')) {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'GB18030' };
  }
  if (iconv.encodingExists(guess)) return { text: iconv.decode(Buffer.from(bytes), guess), encoding: guess };
  return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'GB18030' };
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * Binary junk: control characters (other than tab, line breaks, form feed) or NUL bytes in the first 8 KB of
 * something that is not UTF-16.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return false;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control++;
  }
  return control > sample.length / 100;
}

/** Text that decoded into mostly replacement or private-use characters was not text. */
export function looksGarbled(text: string): boolean {
  const sample = text.slice(0, 4000);
  if (sample.length === 0) return false;
  let bad = 0;
  for (const ch of sample) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff) || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d)) bad++;
  }
  return bad > sample.length / 20;
}
