import type { ScoringUnit, UnitCategory } from './scoring-input.js';

/** What ranking needs from a quarter's or a year's score. */
export interface RankableScore {
  readonly unitId: number;
  readonly scoreHundredths: number;
  readonly stats: { readonly tasks: number; readonly missing: number; readonly done: number };
}

export interface RankingEntry {
  /** Competition ranking: two units tied on every key share a rank and the next rank is skipped (1, 2, 2, 4). */
  readonly rank: number;
  readonly tied: boolean;
  readonly unitId: number;
  readonly name: string;
  readonly score: number;
  readonly scoreHundredths: number;
  readonly missing: number;
  readonly done: number;
}

export interface UnrankedUnit {
  readonly unitId: number;
  readonly name: string;
  readonly category: UnitCategory;
  readonly reason: string;
}

export interface Ranking {
  readonly department: readonly RankingEntry[];
  readonly township: readonly RankingEntry[];
  readonly other: readonly RankingEntry[];
  readonly unranked: readonly UnrankedUnit[];
}

export const unitCategoryLabels: Readonly<Record<UnitCategory, string>> = {
  department: '部门',
  township: '镇街',
  other: '其他单位',
};

const nameCollator = new Intl.Collator('zh-CN');

/**
 * Order within a category: higher score; then fewer missing reports; then more tasks done. Units equal
 * on those three share a rank; they are listed by name in zh-CN (pinyin) collation, then by id, so
 * the order never depends on input order.
 */
function compareEntries(a: RankingEntry, b: RankingEntry): number {
  return compareRankKeys(a, b) || nameCollator.compare(a.name, b.name) || a.unitId - b.unitId;
}

function compareRankKeys(a: RankingEntry, b: RankingEntry): number {
  return b.scoreHundredths - a.scoreHundredths || a.missing - b.missing || b.done - a.done;
}

function assignRanks(sorted: readonly RankingEntry[]): RankingEntry[] {
  return sorted.map((entry, index) => {
    let first = index;
    while (first > 0 && compareRankKeys(sorted[first - 1] as RankingEntry, entry) === 0) first -= 1;
    const next = sorted[index + 1];
    const tied = first !== index || (next !== undefined && compareRankKeys(next, entry) === 0);
    return { ...entry, rank: first + 1, tied };
  });
}

/**
 * Ranks 部门 and 镇街 (and other units) separately. A unit with no tasks in the period is listed as
 * unranked rather than ranked on its untouched base score, as is a unit without a score.
 */
export function rankUnits(scores: readonly RankableScore[], units: readonly ScoringUnit[]): Ranking {
  const byUnit = new Map(scores.map((score) => [score.unitId, score]));
  const groups: Record<UnitCategory, RankingEntry[]> = { department: [], township: [], other: [] };
  const unranked: UnrankedUnit[] = [];
  for (const unit of units) {
    const score = byUnit.get(unit.id);
    if (!score || score.stats.tasks === 0) {
      const reason = score ? '本期没有考核任务，不参加排名' : '本期没有评分';
      unranked.push({ unitId: unit.id, name: unit.name, category: unit.category, reason });
      continue;
    }
    groups[unit.category].push({
      rank: 0,
      tied: false,
      unitId: unit.id,
      name: unit.name,
      score: score.scoreHundredths / 100,
      scoreHundredths: score.scoreHundredths,
      missing: score.stats.missing,
      done: score.stats.done,
    });
  }
  const rankGroup = (entries: RankingEntry[]) => assignRanks([...entries].sort(compareEntries));
  return {
    department: rankGroup(groups.department),
    township: rankGroup(groups.township),
    other: rankGroup(groups.other),
    unranked: unranked.sort((a, b) => nameCollator.compare(a.name, b.name) || a.unitId - b.unitId),
  };
}
