/**
 * Measurable targets in a task's text: "70%以上", "不少于2次", "不低于4%", "达到100%", "培训3000人次以上".
 * They feed the annual report and let a coordinator check a claim of "已完成" against a number.
 */

const NUMBER = '(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百千万]+)';
const UNIT =
  '(?:%|％|个百分点|学时|课时|个学时|人次|万人次|万元|亿元|元|小时|个工作日|工作日|天|日|周|个月|次|件|卷|宗|个|家|人|场|期|项|篇|所|户|名|批|份|条|门|类|部|台|套|处|公里|平方米|亩|万|亿|倍)';
// Where two comparators end at the same place (不少于, 少于), the longer is listed first and wins.
const COMPARATORS =
  '不少于|不低于|不超过|不高于|不多于|少于|低于|高于|超过|达到|达|提高到|提升到|提高至|提升至|降低到|降至|降低至|控制在|保持在|稳定在|确保|力争'.split('|');
const QUALIFIER = '(?:以上|以下|以内|左右)';

// Every target holds a number followed by a unit: find those (a regex starting with a digit class is fast), then
// look around them for the comparator or qualifier that makes them a target.
// The comparator is looked for only where a number with a unit was found, among those ending in the character
// before it. (A lookbehind at the start of the number regex tried every comparator backwards at every character.)
const NUMBER_WITH_UNIT = new RegExp(`${NUMBER}${UNIT}${QUALIFIER}?`, 'g');
const COMPARATORS_BY_LAST = groupByLastChar(COMPARATORS);
const QUALIFIED = new RegExp(`${QUALIFIER}$`);
const PERCENTAGE = /^\d+(?:\.\d+)?%/;

/** Targets in document order, each once, as written (spaces removed). */
export function findTargets(text: string): string[] {
  const compact = text.indexOf(' ') === -1 ? text : text.replace(/ /g, '');
  const found = FOUND;
  let count = 0;
  // An exec loop rather than matchAll: matchAll copies the regex and allocates an iterator result per match.
  NUMBER_WITH_UNIT.lastIndex = 0;
  for (let match = NUMBER_WITH_UNIT.exec(compact); match !== null; match = NUMBER_WITH_UNIT.exec(compact)) {
    const comparator = comparatorEndingAt(compact, match.index);
    // A bare percentage is a target on its own: "覆盖率100%".
    const phrase = comparator ? comparator + match[0] : QUALIFIED.test(match[0]) ? match[0] : (PERCENTAGE.exec(match[0])?.[0] ?? null);
    if (phrase !== null && !includes(found, count, phrase)) found[count++] = phrase;
  }
  return found.slice(0, count);
}

// findTargets is never re-entered: the phrases are collected here and copied out at their number (the list is kept
// with the task, and one grown by push keeps room for 17).
const FOUND: string[] = [];

function includes(list: readonly string[], count: number, value: string): boolean {
  for (let i = 0; i < count; i++) if (list[i] === value) return true;
  return false;
}

/** The first listed comparator ending right before `end`, or null. */
function comparatorEndingAt(text: string, end: number): string | null {
  const candidates = COMPARATORS_BY_LAST.get(text.charCodeAt(end - 1));
  if (candidates === undefined) return null;
  for (let i = 0; i < candidates.length; i++) {
    const candidate = candidates[i] as string;
    if (end >= candidate.length && text.startsWith(candidate, end - candidate.length)) return candidate;
  }
  return null;
}

/** The words by the code of their last character, in the order listed. */
function groupByLastChar(words: readonly string[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const word of words) {
    const last = word.charCodeAt(word.length - 1);
    groups.set(last, [...(groups.get(last) ?? []), word]);
  }
  return groups;
}
