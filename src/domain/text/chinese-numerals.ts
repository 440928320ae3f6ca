/** Chinese numerals, read and written: the one place duban turns 一 … 九百九十九 into numbers and back. */

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

// By character code: reading a character as a code allocates nothing, where charAt makes a string for each CJK one.
const DIGIT_BY_CODE = new Map(Object.entries(DIGITS).map(([ch, value]) => [ch.charCodeAt(0), value]));
const TEN = '十'.charCodeAt(0);
const HUNDRED = '百'.charCodeAt(0);

export const CHINESE_NUMERAL_CHARS = '〇零一二两三四五六七八九十百';

/**
 * Reads a Chinese numeral: 一 … 十 … 九十九 … 一百零一 … 九百九十九, also digit by digit (二〇一七).
 * Returns null for anything else.
 */
// Constants, not literals in the function: a regex literal makes a new RegExp object each time it runs.
const ONLY_NUMERAL_CHARS = /^[〇零一二两三四五六七八九十百]+$/;
const HAS_UNIT_CHAR = /[十百]/;

export function parseChineseNumeral(text: string): number | null {
  if (text === '' || text.length > 8) return null;
  if (!ONLY_NUMERAL_CHARS.test(text)) return null;
  if (!HAS_UNIT_CHAR.test(text)) {
    // Digit-by-digit form: 二〇一七, or a single digit.
    let value = 0;
    // Indexed loops: the characters are all in the BMP (checked above), and for-of allocates until the JIT warms up.
    for (let i = 0; i < text.length; i++) value = value * 10 + (DIGIT_BY_CODE.get(text.charCodeAt(i)) ?? 0);
    return text.length === 1 && value === 0 ? 0 : value;
  }
  let total = 0;
  let current = 0;
  let lastUnit = Infinity;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === HUNDRED || code === TEN) {
      const unit = code === HUNDRED ? 100 : 10;
      if (unit >= lastUnit) return null;
      total += (current === 0 ? 1 : current) * unit;
      current = 0;
      lastUnit = unit;
    } else {
      current = DIGIT_BY_CODE.get(code) ?? 0;
    }
  }
  return total + current;
}

const CN_DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五. */
export function toChineseNumeral(no: number): string {
  if (!Number.isInteger(no) || no < 0 || no > 999) return String(no);
  if (no < 10) return CN_DIGITS[no] ?? '';
  if (no < 20) return `十${no % 10 === 0 ? '' : CN_DIGITS[no % 10]}`;
  if (no < 100) return `${CN_DIGITS[Math.floor(no / 10)]}十${no % 10 === 0 ? '' : CN_DIGITS[no % 10]}`;
  const hundreds = `${CN_DIGITS[Math.floor(no / 100)]}百`;
  const rest = no % 100;
  if (rest === 0) return hundreds;
  if (rest < 10) return `${hundreds}零${CN_DIGITS[rest]}`;
  return `${hundreds}${CN_DIGITS[Math.floor(rest / 10)]}十${rest % 10 === 0 ? '' : CN_DIGITS[rest % 10]}`;
}
