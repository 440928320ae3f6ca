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
  // Detectors are unsure on short Chinese texts (GBK is often taken for EUC-KR or Big5): decode with each
  // plausible encoding and keep the one that reads most like Chinese, GB18030 winning ties.
  const guess = chardet.detect(bytes)?.toUpperCase() ?? null;
  const candidates = ['gb18030', 'big5', ...(guess && !GB_FAMILY.has(guess) && iconv.encodingExists(guess) ? [guess] : [])];
  let best: DecodedText | null = null;
  let bestScore = -Infinity;
  for (const encoding of candidates) {
    const text = iconv.decode(Buffer.from(bytes), encoding);
    const score = scoreChinese(text);
    if (score > bestScore) {
      best = { text, encoding: encoding.toUpperCase() };
      bestScore = score;
    }
  }
  return best ?? { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'GB18030' };
}

// The most frequent characters of Chinese official writing, simplified and traditional: right decodings are
// full of them, wrong ones produce rare characters.
const COMMON = new Set(
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞國們這個會說對來時發為區縣鎮辦責務實設機關於進組織導領負門級與當條規劃財經濟聯檢監執員種樣歷廣鄉價標準質範觀層歸頭協調將強黨',
);

function scoreChinese(text: string): number {
  let score = 0;
  for (const ch of text.slice(0, 20000)) {
    const code = ch.codePointAt(0) ?? 0;
    if (COMMON.has(ch)) score += 3;
    else if (code >= 0x4e00 && code <= 0x9fff) score += 1;
    else if (code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff) || (code >= 0xac00 && code <= 0xd7a3)) score -= 10;
  }
  return score;
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
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

/** A small uploaded text file (UTF-8, GB18030, UTF-16) as text, or null when its bytes are not text. */
export function readPlainText(bytes: Uint8Array): string | null {
  if (looksBinary(bytes)) return null;
  const { text } = decodeText(bytes);
  return looksGarbled(text) ? null : text.replace(/^\uFEFF/, '');
}
