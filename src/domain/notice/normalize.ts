import * as OpenCC from 'opencc-js/t2cn';

/**
 * Text repair before the grammar reads anything. Canonical form chosen for the whole parser:
 * - digits, Latin letters, %, . are half width ("２０１７" → "2017", "１．" → "1.");
 * - parentheses, colons, semicolons and commas are full width （）：；， (except inside numbers: 9:30, 1,000),
 *   so "各镇政府(街道办事处)" and "各镇政府（街道办事处）" are one name;
 * - every kind of space becomes one ASCII space, tabs are kept (they separate table cells);
 * - traditional characters are converted to simplified when the text is written in them.
 */

const SPACE_LIKE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const UNUSUAL_SPACE = /[\u00A0\u1680\u2000-\u200D\u202F\u205F\u2060\u3000\uFEFF]/;

/** Enclosed numerals ⑴…⒇ and ⒈…⒛ are numbering the grammar knows in another spelling. */
function unencloseNumerals(ch: number): string | null {
  if (ch >= 0x2474 && ch <= 0x2487) return `（${ch - 0x2474 + 1}）`;
  if (ch >= 0x2488 && ch <= 0x249b) return `${ch - 0x2488 + 1}.`;
  return null;
}

function mapChar(ch: string, prev: string, next: string): string {
  const code = ch.charCodeAt(0);
  // Full-width ASCII block: letters, digits, % and . become half width; brackets and Chinese punctuation stay.
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xfee0);
  if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) return String.fromCharCode(code - 0xfee0);
  switch (ch) {
    case '(':
      return '（';
    case ')':
      return '）';
    case '％':
      return '%';
    case '．':
      return '.';
    case '／':
      return '/';
    case '＋':
      return '+';
    case ';':
      return '；';
    case ':':
      return isDigit(prev) && isDigit(next) ? ':' : '：';
    case ',':
      return isDigit(prev) && isDigit(next) ? ',' : '，';
    case '﹙':
      return '（';
    case '﹚':
      return '）';
    default: {
      const unenclosed = unencloseNumerals(code);
      return unenclosed ?? ch;
    }
  }
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

// Characters needing a rewrite; a line without any is returned untouched (the common case, and the fast one).
const NEEDS_MAPPING = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A():;,％．／＋﹙﹚\u2474-\u249B]/;

/**
 * True when no line of the text needs `normalizeChars`: one regex pass over the whole text instead of three per line,
 * the common case for a pasted or extracted notice.
 */
export function needsNormalizing(text: string): boolean {
  return text.indexOf(' ') !== -1 || UNUSUAL_SPACE.test(text) || NEEDS_MAPPING.test(text);
}

/** Width and space normalisation of one line (no line breaks inside). */
export function normalizeChars(line: string): string {
  let text = UNUSUAL_SPACE.test(line) ? line.replace(ZERO_WIDTH, '').replace(SPACE_LIKE, ' ') : line;
  if (NEEDS_MAPPING.test(text)) {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      out += mapChar(text[i] ?? '', text[i - 1] ?? '', text[i + 1] ?? '');
    }
    text = out;
  }
  if (text.indexOf(' ') === -1) return text;
  return text.replace(/ {2,}/g, ' ').replace(/^ +| +$/g, '');
}

/** Split on any line break; the index + 1 is the line number the user sees. */
export function splitLines(text: string): string[] {
  // Splitting on a string is native and far faster than on a regex: take it when \n is the only break.
  return OTHER_BREAKS.test(text) ? text.split(LINE_BREAK) : text.split('\n');
}

const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029|\u0085/;
const OTHER_BREAKS = /[\r\u2028\u2029\u0085]/;

// Frequent characters that only exist in traditional writing (checked by a test against OpenCC).
const TRADITIONAL_ONLY =
  '區縣鎮辦責務實設機關於國對應業開問進組織導領負門級與為們會發來這個時後點單當條規劃財稅額產權環衛計農勞動證據審經濟聯絡檢監執訴訟複議訊網統報數節約資營創專項體護險檔號態勢陽陰東處員種樣歷廣鄉價標準質範觀衝擊顯現階層歸頭協調簡將擴眾強黨廳齊優題屬術則類線屆';
const HAN_START = 0x4e00;
const HAN_END = 0x9fff;
// The regex engine finds the few traditional characters of a simplified text without a JS loop over every character.
const TRADITIONAL_CHAR = new RegExp(`[${TRADITIONAL_ONLY}]`, 'g');

/**
 * True when the text is written in traditional characters (a few stray ones in simplified text do not count).
 * A long text is judged on evenly spaced samples: a notice is written in one script throughout, and counting every
 * character of a 1,000-task notice (over 100,000 of them) cost as much as the rest of normalising it.
 */
export function looksTraditional(text: string): boolean {
  if (text.length <= SCRIPT_SAMPLES * SCRIPT_SAMPLE_LENGTH) return looksTraditionalSample([text]);
  const samples: string[] = [];
  const step = (text.length - SCRIPT_SAMPLE_LENGTH) / (SCRIPT_SAMPLES - 1);
  for (let i = 0; i < SCRIPT_SAMPLES; i++) {
    const start = Math.floor(i * step);
    samples.push(text.slice(start, start + SCRIPT_SAMPLE_LENGTH));
  }
  return looksTraditionalSample(samples);
}

const SCRIPT_SAMPLES = 8;
const SCRIPT_SAMPLE_LENGTH = 2000;

function looksTraditionalSample(samples: readonly string[]): boolean {
  let traditional = 0;
  for (const sample of samples) {
    TRADITIONAL_CHAR.lastIndex = 0;
    while (TRADITIONAL_CHAR.exec(sample) !== null) traditional++;
  }
  if (traditional < 3) return false;
  let han = 0;
  for (const sample of samples) {
    for (let i = 0; i < sample.length; i++) {
      const code = sample.charCodeAt(i);
      if (code >= HAN_START && code <= HAN_END) han++;
    }
  }
  return traditional * 50 >= han;
}

let toSimplifiedConverter: ((text: string) => string) | null = null;

/** Traditional → simplified; the dictionary is built on first use because most notices never need it. */
export function toSimplified(text: string): string {
  const convert = (toSimplifiedConverter ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
  return convert(text);
}

const CJK_OR_PUNCT = '[\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF\\u3000-\\u303F、。，；：？！“”‘’《》〈〉【】〔〕（）—…·%]';
const SPACE_NEAR_CJK = new RegExp(`(?<=${CJK_OR_PUNCT}) +| +(?=${CJK_OR_PUNCT})`, 'g');

/**
 * Removes spaces next to Chinese characters or punctuation: stray spaces from PDF extraction
 * ("2017 年", "区 发改局"). Spaces between Latin words stay.
 */
export function compactSpaces(text: string): string {
  return text.indexOf(' ') === -1 ? text : text.replace(SPACE_NEAR_CJK, '').replace(/ {2,}/g, ' ').trim();
}

const SENTENCE_END = /[。；！？：]$/;

/**
 * Joins a following physical line to the text it continues. A line ending a sentence starts a new paragraph;
 * otherwise the break is a wrap (PDF, narrow web column) and is removed, keeping a space only between Latin words.
 */
export function joinContinuation(previous: string, next: string): string {
  if (previous === '') return next;
  if (SENTENCE_END.test(previous)) return `${previous}\n${next}`;
  const last = previous[previous.length - 1] ?? '';
  const first = next[0] ?? '';
  const latinBoundary = LATIN.test(last) && LATIN.test(first);
  return latinBoundary ? `${previous} ${next}` : previous + next;
}

// A constant: a regex literal in the function would make a new RegExp object on every call.
const LATIN = /[A-Za-z]/;
