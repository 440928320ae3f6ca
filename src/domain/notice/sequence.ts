import type { Ledger } from './ledger.js';
import { formatNumber, SCHEME_RANK, type Scheme } from './numbering.js';

/** Numbering checks: gaps, duplicates and numbers going backwards are reported, never "fixed". */

export interface Numbered {
  scheme: Scheme;
  no: number;
  line: number;
}

/**
 * Checks one run of numbers (the sections, or the tasks of one group). `runOnFrom` is the last number of the
 * same scheme in the previous group: a run may restart at 1 or carry on from there.
 */
export function checkSequence(run: readonly Numbered[], where: string, ledger: Ledger, runOnFrom: number | null = null): void {
  // Keyed by a number, not a "scheme:no" string built per entry: numbers are whole and ranks below 10.
  const seen = new Map<number, number>();
  let previous: Numbered | null = null;
  for (let i = 0; i < run.length; i++) {
    const entry = run[i] as Numbered;
    const key = entry.no * 10 + SCHEME_RANK[entry.scheme];
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      ledger.report(entry.line, 'warning', `${where}编号${formatNumber(entry.scheme, entry.no)}重复出现（第${firstLine}行已有），请核对`);
    } else if (previous === null || previous.scheme !== entry.scheme) {
      if (entry.no !== 1 && entry.no !== (runOnFrom ?? -1) + 1) {
        const from = runOnFrom !== null && entry.no > runOnFrom ? runOnFrom + 1 : 1;
        const missing = entry.no > from ? `，缺少${listMissing(entry.scheme, from, entry.no)}` : '';
        ledger.report(entry.line, 'warning', `${where}编号从${formatNumber(entry.scheme, entry.no)}开始${missing}，请核对`);
      }
    } else if (entry.no > previous.no + 1) {
      ledger.report(
        entry.line,
        'warning',
        `${where}编号不连续：${formatNumber(entry.scheme, previous.no)}之后是${formatNumber(entry.scheme, entry.no)}，缺少${listMissing(entry.scheme, previous.no + 1, entry.no)}`,
      );
    } else if (entry.no <= previous.no) {
      ledger.report(
        entry.line,
        'warning',
        `${where}编号顺序异常：${formatNumber(entry.scheme, previous.no)}之后是${formatNumber(entry.scheme, entry.no)}，请核对`,
      );
    }
    if (firstLine === undefined) seen.set(key, entry.line);
    previous = entry;
  }
}

function listMissing(scheme: Scheme, from: number, to: number): string {
  const missing: string[] = [];
  for (let no = from; no < to && missing.length < 5; no++) missing.push(formatNumber(scheme, no));
  return to - from > 5 ? `${missing.join('')}等${to - from}项` : missing.join('');
}
