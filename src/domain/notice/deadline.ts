import { parseChineseNumeral } from '../text/chinese-numerals.js';

/**
 * Deadline phrases ("2017年底前", "6月底前", "年内", "每年第一季度前", "长期坚持") and their normalised dates.
 */

const YEAR = '(?:(?:19|20)\\d{2}|[〇零一二三四五六七八九]{4}) ?年';
const REL_YEAR = '(?:今年|本年度?|当年|明年|次年|每年)';
const MONTH = '(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]) ?月';
const DAY = '(?:[12]\\d|3[01]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]) ?[日号]';
const SUFFIX = '(?:之前|以前|前|内|止|为止)?';

const DATED = [
  // 2017年底 / 2017年年底 / 年底 / 今年年底 / 明年底
  `(?:${YEAR}年?|${REL_YEAR}年?|(?<![\\d〇零一二两三四五六七八九十])年)(?:底|末)`,
  // 2017年内 / 年内 / 本年度内
  `(?:${YEAR}(?:度)?|${REL_YEAR}|(?<![\\d〇零一二两三四五六七八九十])年(?:度)?)内`,
  `(?:${YEAR}|${REL_YEAR})?[上下]半年(?:底|末)?`,
  `(?:${YEAR}|${REL_YEAR})?全年`,
  `(?:${YEAR}|${REL_YEAR})?第?[一二三四1-4]季度(?:末|底)?`,
  `(?:${YEAR}|${REL_YEAR})?${MONTH}(?:${DAY}|[上中下]旬|底|末|份|中)?`,
];

const OPEN_ENDED =
  '长期坚持|持续推进|长期推进|长期开展|长期执行|常态化推进|常态化开展|常态化|持续开展|持续实施|持续进行|长期|常年|全年持续|每季度|每月|每半年|定期';

const DATED_REGEX = new RegExp(`(?:${DATED.join('|')})${SUFFIX}`, 'g');
const OPEN_REGEX = new RegExp(OPEN_ENDED);
const FINISH_AFTER = /^(?:完成|办结|到位|出台|建成|实现|全面完成|基本完成)/;
const TERMINAL = /(?:底|末|旬|[日号]|前|内|止)$/;

/**
 * The deadline phrase in a task's free text: the last dated phrase that clearly is a deadline
 * ("…2017年6月底前完成…"), not a mere mention of a date ("2017年6月召开…").
 */
export function findDeadlineInText(text: string): string | null {
  let found: string | null = null;
  const matches = listDatedMatches(text);
  for (let i = 0; i < matches.length; i++) {
    const { phrase, end } = matches[i] as DatedMatch;
    if (TERMINAL.test(phrase) || FINISH_AFTER.test(text.slice(end, end + 4))) found = phrase.trim().replace(/ /g, '');
  }
  return found;
}

const ANCHOR = /[年月季旬]/g;
// Every dated phrase holds 月 or 季, or a 年 followed by 底, 末, 内, 度 or 年 or preceded by 半 or 全 (see DATED): a
// text without any of these holds none, and most task texts ("每年督查") are passed over before any window is cut.
const MAY_BE_DATED = /[月季]|年[底末内度年]|[半全]年/;
// A dated phrase holds 年, 月, 季 or 旬, starts at most this many characters before it and ends soon after.
const REACH_BEFORE = 14;
const REACH_AFTER = 10;

interface DatedMatch {
  phrase: string;
  end: number;
}

/**
 * The dated phrases of a text, in order. The large regex only runs on short windows around 年/月/季/旬:
 * task texts are long and mostly free of dates, and scanning them whole dominated the parse time.
 */
function listDatedMatches(text: string): DatedMatch[] {
  const matches: DatedMatch[] = [];
  if (!MAY_BE_DATED.test(text)) return matches;
  let windowStart = -1;
  let windowEnd = -1;
  // test() rather than exec(): an anchor is one character, so lastIndex tells where it was without a match array.
  ANCHOR.lastIndex = 0;
  while (ANCHOR.test(text)) {
    const at = ANCHOR.lastIndex - 1;
    const start = Math.max(0, at - REACH_BEFORE);
    if (windowStart >= 0 && start <= windowEnd) {
      windowEnd = Math.min(text.length, at + REACH_AFTER);
      continue;
    }
    if (windowStart >= 0) scanWindow(text, windowStart, windowEnd, matches);
    windowStart = start;
    windowEnd = Math.min(text.length, at + REACH_AFTER);
  }
  if (windowStart >= 0) scanWindow(text, windowStart, windowEnd, matches);
  return matches;
}

function scanWindow(text: string, start: number, end: number, matches: DatedMatch[]): void {
  const window = text.slice(start, end);
  DATED_REGEX.lastIndex = 0;
  for (let match = DATED_REGEX.exec(window); match !== null; match = DATED_REGEX.exec(window)) {
    matches.push({ phrase: match[0], end: start + match.index + match[0].length });
    if (match[0] === '') DATED_REGEX.lastIndex++;
  }
}

/**
 * The deadline phrase in a value that is known to be a deadline (a 完成时限 field or cell, a clause of the unit
 * parenthesis): anything dated or open-ended counts.
 */
export function findDeadlineInField(value: string): string | null {
  const text = value.trim().replace(/[。；，]+$/, '');
  if (text === '') return null;
  const found = findDatedPhrase(text);
  if (found !== null) return found.trim().replace(/ /g, '');
  if (!MAY_BE_OPEN_ENDED.test(text)) return null;
  const open = OPEN_REGEX.exec(text);
  return open ? open[0] : null;
}

/**
 * True when a clause of a unit list is a deadline ("2017年底前完成", "每年第一季度前完成上年度考核", "长期坚持"):
 * it starts with the deadline phrase, so it names no unit.
 */
export function isDeadlineClause(clause: string): boolean {
  const text = clause.replace(/ /g, '').replace(/^(?:于|在|须|需|要|并|应|均|完成时限为?|时限为?)/, '');
  const phrase = findDeadlineInField(text);
  return phrase !== null && text.startsWith(phrase);
}

function readNumber(text: string): number | null {
  const t = text.replace(/ /g, '');
  if (/^\d+$/.test(t)) return Number.parseInt(t, 10);
  return parseChineseNumeral(t);
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function formatDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function readYear(phrase: string, noticeYear: number | null): number | null {
  const arabic = /((?:19|20)\d{2}) ?年/.exec(phrase);
  if (arabic?.[1]) return Number.parseInt(arabic[1], 10);
  const chinese = /([〇零一二三四五六七八九]{4}) ?年/.exec(phrase);
  if (chinese?.[1]) return parseChineseNumeral(chinese[1]);
  if (noticeYear === null) return null;
  if (/明年|次年/.test(phrase)) return noticeYear + 1;
  return noticeYear;
}

const LEADING_YEAR = new RegExp(`^(?:${YEAR}|${REL_YEAR})`);
const MONTH_PARTS = new RegExp(
  `^(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]) ?月(?:([12]\\d|3[01]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]) ?[日号]|(上旬|中旬|下旬|底|末|份|中))?(之前|以前|前)?`,
);

// Every deadline phrase holds one of these: texts without any are skipped before the large regex runs.
const MAY_HOLD_DEADLINE = /[年月季旬]/;
const MAY_BE_OPEN_ENDED = /长期|持续|常态|常年|每季|每月|每半年|定期/;

function findDatedPhrase(text: string): string | null {
  if (!MAY_HOLD_DEADLINE.test(text)) return null;
  const matches = listDatedMatches(text);
  return matches[matches.length - 1]?.phrase ?? null;
}

/**
 * The date a deadline phrase means, YYYY-MM-DD, or null when it is open-ended ("长期坚持") or needs a year
 * nobody stated. Phrases without a year take the notice's year. "6月底前" is June 30; "6月前" is literally
 * before June (May 31); a quarter ("一季度", "每年第一季度前") ends with its last month.
 */
export function normalizeDeadline(phrase: string, noticeYear: number | null): string | null {
  // A notice repeats a few phrases ("2024年底前", "长期坚持") task after task: each is read once per notice year.
  if (noticeYear !== dueDateYear) {
    dueDates.clear();
    dueDateYear = noticeYear;
  }
  const known = dueDates.get(phrase);
  if (known !== undefined) return known;
  if (dueDates.size >= DUE_DATES_KEPT) dueDates.clear();
  const dueDate = readDueDate(phrase, noticeYear);
  dueDates.set(phrase, dueDate);
  return dueDate;
}

const DUE_DATES_KEPT = 5000;
// null is a reading too (an open-ended phrase): `undefined` from get() means not read yet.
const dueDates = new Map<string, string | null>();
let dueDateYear: number | null = null;

function readDueDate(phrase: string, noticeYear: number | null): string | null {
  const dated = findDatedPhrase(phrase.replace(/ /g, ''));
  if (dated === null) return null;
  const year = readYear(dated, noticeYear);
  if (year === null) return null;

  const quarter = /([一二三四1-4])季度/.exec(dated);
  if (quarter?.[1]) {
    const q = readNumber(quarter[1]) ?? 4;
    return formatDate(year, q * 3, lastDayOfMonth(year, q * 3));
  }
  if (dated.includes('上半年')) return formatDate(year, 6, 30);
  if (dated.includes('下半年')) return formatDate(year, 12, 31);

  const month = MONTH_PARTS.exec(dated.replace(LEADING_YEAR, ''));
  if (month?.[1]) {
    const m = readNumber(month[1]);
    if (m === null || m < 1 || m > 12) return null;
    if (month[2]) {
      const d = readNumber(month[2]);
      return d === null ? null : formatDate(year, m, d);
    }
    if (month[3] === '上旬') return formatDate(year, m, 10);
    if (month[3] === '中旬') return formatDate(year, m, 20);
    if (month[3] === undefined && month[4] !== undefined) {
      // Literally "before month m": the last day of the month before.
      return m === 1 ? formatDate(year - 1, 12, 31) : formatDate(year, m - 1, lastDayOfMonth(year, m - 1));
    }
    return formatDate(year, m, lastDayOfMonth(year, m));
  }
  if (/底|末|内|全年/.test(dated)) return formatDate(year, 12, 31);
  return null;
}
