import { CHINESE_NUMERAL_CHARS, parseChineseNumeral, toChineseNumeral } from '../text/chinese-numerals.js';

/**
 * Numbering schemes of Chinese official documents (GB/T 9704 order: 一、 → （一） → 1. → （1） → ①),
 * plus 第一部分 above them and table rows below them.
 */
export type Scheme = 'part' | 'cn' | 'paren-cn' | 'arabic' | 'paren-arabic' | 'circled' | 'table';

/** Nesting rank: smaller is outer. Table rows are always leaves. */
export const SCHEME_RANK: Record<Scheme, number> = {
  part: 0,
  cn: 1,
  'paren-cn': 2,
  arabic: 3,
  'paren-arabic': 4,
  circled: 5,
  table: 9,
};

export interface Marker {
  scheme: Scheme;
  no: number;
  /** The number as written (after width normalisation): "（一）", "3.", "12、". */
  label: string;
  /** The text after the number. */
  rest: string;
}

const CN = `[${CHINESE_NUMERAL_CHARS}]{1,6}`;

interface MarkerPattern {
  scheme: Scheme;
  regex: RegExp;
  read: (digits: string) => number | null;
}

const readArabic = (digits: string): number | null => Number.parseInt(digits, 10);

const PATTERNS: MarkerPattern[] = [
  { scheme: 'part', regex: new RegExp(`^(第\\s*(${CN}|\\d{1,3})\\s*(?:部分|章|篇))[\\s、.：]*`), read: readAnyNumeral },
  // "一、" and "一." — "十大工程" is a word, so the separator is required.
  { scheme: 'cn', regex: new RegExp(`^((${CN})\\s*[、.](?!\\d))\\s*`), read: parseChineseNumeral },
  { scheme: 'paren-cn', regex: new RegExp(`^(（\\s*(${CN})\\s*）)[\\s、.]*`), read: parseChineseNumeral },
  // "1." "1、" "1．" but not "1.5亿" or "2017年"; at most three digits.
  // "7、12345政务热线" is task 7 (a decimal never uses 、); "7.12345政务热线" needs its context: see matchDigitTitleMarker.
  { scheme: 'arabic', regex: /^((\d{1,3})\s*(?:\.(?!\d)|、))\s*/, read: readArabic },
  { scheme: 'paren-arabic', regex: /^(（\s*(\d{1,3})\s*）)[\s、.]*/, read: readArabic },
  { scheme: 'circled', regex: /^(([\u2460-\u2473]))\s*/, read: (ch) => ch.charCodeAt(0) - 0x2460 + 1 },
];

function readAnyNumeral(text: string): number | null {
  return /^\d+$/.test(text) ? Number.parseInt(text, 10) : parseChineseNumeral(text);
}

// Cheap first-character test: most lines start with a Chinese word, not a number.
const MARKER_START = new RegExp(`^[第（\\d\\u2460-\\u2473${CHINESE_NUMERAL_CHARS}]`);

/**
 * Each pattern can only match a line starting with its own first characters: only those are tried, in order.
 * Indexes into PATTERNS.
 */
const PATTERNS_BY_START = { part: [0], cn: [1], paren: [2, 4], digit: [3], circled: [5] };

function patternsFor(first: number): readonly number[] {
  if (first === 0x7b2c) return PATTERNS_BY_START.part; // 第
  if (first === 0xff08) return PATTERNS_BY_START.paren; // （
  if (first >= 0x30 && first <= 0x39) return PATTERNS_BY_START.digit;
  if (first >= 0x2460 && first <= 0x2473) return PATTERNS_BY_START.circled;
  return PATTERNS_BY_START.cn;
}

/** The numbering at the start of a line, if any. */
export function matchMarker(line: string): Marker | null {
  if (!MARKER_START.test(line)) return null;
  const tried = patternsFor(line.charCodeAt(0));
  for (let i = 0; i < tried.length; i++) {
    const pattern = PATTERNS[tried[i] as number] as MarkerPattern;
    const match = pattern.regex.exec(line);
    if (!match) continue;
    const no = pattern.read(match[2] ?? '');
    if (no === null || Number.isNaN(no)) continue;
    const rest = line.slice(match[0].length);
    const label = match[1] ?? '';
    return { scheme: pattern.scheme, no, label: LABEL_SPACE.test(label) ? label.replace(/\s+/g, '') : label, rest };
  }
  return null;
}

const LABEL_SPACE = /\s/;

// "1.5亿元", "2.5%", "3.75": a decimal at the start of a line, never a number followed by a title.
const DECIMAL_AMOUNT = /^\d+(?:\.\d+)?\s*(?:[%亿万千元倍]|$)/;

/**
 * "7.12345政务热线整合": a task number glued to a title that begins with digits. Without context it reads as the
 * decimal 7.12345, so it is a number only when it is a number expected next (`expected`) and what follows is
 * not an amount.
 */
export function matchDigitTitleMarker(line: string, expected: readonly number[]): Marker | null {
  const match = /^((\d{1,3})\.)(?=\d)/.exec(line);
  const no = Number.parseInt(match?.[2] ?? '', 10);
  if (!match || !expected.includes(no)) return null;
  const rest = line.slice(match[0].length);
  if (DECIMAL_AMOUNT.test(rest)) return null;
  return { scheme: 'arabic', no, label: match[1] ?? '', rest };
}

/** How a number is written in a message: the scheme's own form, so users find it in the notice. */
export function formatNumber(scheme: Scheme, no: number): string {
  switch (scheme) {
    case 'part':
      return `第${toChineseNumeral(no)}部分`;
    case 'cn':
      return `${toChineseNumeral(no)}、`;
    case 'paren-cn':
      return `（${toChineseNumeral(no)}）`;
    case 'arabic':
      return `${no}.`;
    case 'paren-arabic':
      return `（${no}）`;
    case 'circled':
      return no >= 1 && no <= 20 ? String.fromCharCode(0x2460 + no - 1) : `（${no}）`;
    case 'table':
      return `第${no}项`;
  }
}
