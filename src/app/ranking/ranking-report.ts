import type { LocalDate } from '../../domain/calendar/index.js';
import { reportStanding, type TaskRole } from '../../domain/cycle/index.js';
import { progressStatusLabels } from '../../domain/progress/index.js';
import {
  describeRules,
  rankUnits,
  unitCategoryLabels,
  type RankableScore,
  type Ranking,
  type RankingEntry,
  type ScoreItem,
  type ScoreStats,
  type ScoringRules,
  type UnitCategory,
} from '../../domain/ranking/index.js';
import type { RankedCategory } from './ranking-input.schema.js';
import type { Quarter, QuarterScoringData, ReportRow, ScoringWorkspace, TaskInfo, UnitInfo } from './scoring-data.js';

/** One line of a unit's score explanation: the score's item itself (quarter, kind and task in words). */
export type BreakdownRow = ScoreItem;

export interface UnitResult {
  readonly unitId: number;
  readonly name: string;
  readonly category: UnitCategory;
  readonly categoryLabel: string;
  /** Rank within the category; null when the unit is not ranked (no tasks in the period). */
  readonly rank: number | null;
  readonly tied: boolean;
  readonly score: number;
  readonly unrankedReason: string | null;
  /** For a year: summed over the quarters in which the unit had tasks. */
  readonly stats: ScoreStats;
  /** A year's ranking only: each quarter's score (null when not counted) and how they combine. */
  readonly quarterScores: readonly (number | null)[] | null;
  readonly yearReason: string | null;
  /** Every item of the score; for a quarter the points add up to the score exactly. */
  readonly breakdown: readonly BreakdownRow[];
}

/** A task as its ledger lines show it: shared by every line of the task (the quarter's TaskInfo). */
export type LedgerTask = Pick<TaskInfo, 'id' | 'seq' | 'label' | 'title' | 'sectionTitle' | 'dueDate'>;

/** The quarter a ledger line is in: one record shared by all of the quarter's lines. */
export interface LedgerPeriod {
  readonly quarter: Quarter;
  /** '2026年第一季度'. */
  readonly label: string;
}

/**
 * One unit's part in one task in one quarter: the ledger (台账) line behind the scores. It refers to the
 * task, unit and report records scoring read rather than copying their fields: a large quarter has
 * 20,000 lines. ledgerStatusLabel and taskRoleLabels say it in words.
 */
export interface TaskStatusRow {
  readonly period: LedgerPeriod;
  readonly task: LedgerTask;
  readonly unit: UnitInfo;
  readonly role: TaskRole;
  /**
   * The unit's report of the quarter, sent back or not; null when it sent none. Its text (first 500
   * characters) is there only when the ranking was asked `withReportText`.
   */
  readonly report: ReportRow | null;
  /** The report's evidence file names (every revision's), when asked `withReportText`. */
  readonly evidence: readonly string[];
}

/** A ledger line's status in words: 未报送 when the unit sent nothing, 已退回（待重报） when a coordinator sent the report back. */
export function ledgerStatusLabel(report: ReportRow | null): string {
  if (!report) return '未报送';
  return reportStanding(report) === 'sent_back' ? '已退回（待重报）' : progressStatusLabels[report.status];
}

export interface RankingReport {
  readonly scope: 'quarter' | 'year';
  readonly workspaceId: number;
  readonly workspaceName: string;
  readonly year: number;
  readonly quarter: Quarter | null;
  /** '2026年第一季度' or '2026年度'. */
  readonly periodLabel: string;
  /** '2026年第一季度考核排名（部门）'. */
  readonly title: string;
  readonly category: RankedCategory | null;
  /** The workspace's time zone, for showing submission times. */
  readonly timeZone: string;
  /** The quarter's due date; null for a year. */
  readonly dueDate: LocalDate | null;
  /** The quarters a year's ranking is built from. */
  readonly quartersCounted: readonly Quarter[];
  /** A quarter counted has not reached its due date: reports may still come in and the ranking is provisional. */
  readonly provisional: boolean;
  readonly rules: ScoringRules;
  readonly rulesAreDefault: boolean;
  readonly rulesText: readonly string[];
  /** Ranked within each category; only the asked category when one was given. */
  readonly ranking: Ranking;
  /** Ranked units in category then rank order, then the unranked. */
  readonly units: readonly UnitResult[];
  readonly tasks: readonly TaskStatusRow[];
  readonly totals: {
    readonly units: number;
    readonly ranked: number;
    readonly tasks: number;
    readonly reports: number;
    readonly missing: number;
  };
  /** The ranking_snapshots row kept for this result, when asked to save it. */
  readonly snapshotId: number | null;
}

export const taskRoleLabels: Readonly<Record<TaskRole, string>> = { lead: '牵头', support: '配合' };

const categoryOrder: readonly UnitCategory[] = ['department', 'township', 'other'];

export function inCategory(category: RankedCategory | null, unitCategory: UnitCategory): boolean {
  return category === null || unitCategory === category;
}

/** The ranking cut to one category (其他单位 are shown only when no category was asked for). */
export function filterRanking(ranking: Ranking, category: RankedCategory | null): Ranking {
  if (category === null) return ranking;
  return {
    department: category === 'department' ? ranking.department : [],
    township: category === 'township' ? ranking.township : [],
    other: [],
    unranked: ranking.unranked.filter((unit) => unit.category === category),
  };
}

/** Units in the order people read a ranking: category, rank; then the unranked. */
export function orderUnits<T extends { unitId: number }>(ranking: Ranking, results: ReadonlyMap<number, T>): T[] {
  const ranked = categoryOrder.flatMap((category) => ranking[category].map((entry) => results.get(entry.unitId)));
  const unranked = ranking.unranked.map((unit) => results.get(unit.unitId));
  return [...ranked, ...unranked].filter((result): result is T => result !== undefined);
}

export function indexRankingEntries(ranking: Ranking): Map<number, RankingEntry> {
  return new Map(categoryOrder.flatMap((category) => ranking[category].map((entry) => [entry.unitId, entry] as const)));
}

export function indexUnrankedReasons(ranking: Ranking): Map<number, string> {
  return new Map(ranking.unranked.map((unit) => [unit.unitId, unit.reason]));
}

/** A ledger line's evidence when it has none: one shared empty list rather than 20,000. */
const noEvidence: readonly string[] = Object.freeze([]);

/** The ledger lines of one quarter: every scored (task, unit) pair with its report, if any. */
export function listTaskStatusRows(data: QuarterScoringData, category: RankedCategory | null): TaskStatusRow[] {
  const units = new Map(data.units.map((unit) => [unit.id, unit]));
  const period: LedgerPeriod = { quarter: data.period.quarter, label: data.period.label };
  const { evidence } = data;
  // Plain loops: this runs for every pair of a quarter (20,000 in a large workspace).
  const rows: TaskStatusRow[] = [];
  for (const task of data.tasks) {
    for (const { unitId, role, report } of task.units) {
      const unit = units.get(unitId);
      if (!unit || !inCategory(category, unit.category)) continue;
      // The key is only worth building when some report has evidence loaded (the workbook's).
      const files = evidence.size === 0 ? noEvidence : (evidence.get(`${task.id}:${unitId}`) ?? noEvidence);
      rows.push({ period, task, unit, role, report, evidence: files });
    }
  }
  return rows;
}

export function titleFor(periodLabel: string, category: RankedCategory | null): string {
  return `${periodLabel}考核排名${category ? `（${unitCategoryLabels[category]}）` : ''}`;
}

export function countRanked(ranking: Ranking): number {
  return ranking.department.length + ranking.township.length + ranking.other.length;
}

/** The counts a report carries: units, ranked units, tasks, reports in and reports owed (a sent-back report is owed again). */
export function summarizeTotals(ranking: Ranking, units: readonly unknown[], tasks: readonly TaskStatusRow[]): RankingReport['totals'] {
  const taskIds = new Set<number>();
  let reports = 0;
  for (const row of tasks) {
    taskIds.add(row.task.id);
    if (reportStanding(row.report) === 'reported') reports += 1;
  }
  return { units: units.length, ranked: countRanked(ranking), tasks: taskIds.size, reports, missing: tasks.length - reports };
}

/** A ranking report from its parts: what rankQuarter and rankYear both hand out. */
export function composeReport(parts: {
  scope: RankingReport['scope'];
  workspace: ScoringWorkspace;
  year: number;
  quarter: Quarter | null;
  periodLabel: string;
  category: RankedCategory | null;
  dueDate: LocalDate | null;
  quartersCounted: readonly Quarter[];
  provisional: boolean;
  ranking: Ranking;
  units: readonly UnitResult[];
  tasks: readonly TaskStatusRow[];
}): RankingReport {
  const { workspace, ranking, units, tasks } = parts;
  return {
    scope: parts.scope,
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    year: parts.year,
    quarter: parts.quarter,
    periodLabel: parts.periodLabel,
    title: titleFor(parts.periodLabel, parts.category),
    category: parts.category,
    timeZone: workspace.timeZone,
    dueDate: parts.dueDate,
    quartersCounted: parts.quartersCounted,
    provisional: parts.provisional,
    rules: workspace.rules,
    rulesAreDefault: workspace.rulesAreDefault,
    rulesText: describeRules(workspace.rules),
    ranking,
    units,
    tasks,
    totals: summarizeTotals(ranking, units, tasks),
    snapshotId: null,
  };
}

/** What scoring says of one unit in a scope; assembleReport places it in the ranking. */
export type ScoredUnitResult = Pick<UnitResult, 'score' | 'stats' | 'quarterScores' | 'yearReason' | 'breakdown'>;

/**
 * A ranking report from scores: ranks them within each category, places each unit's result in the ranking
 * (its rank and tie, or why it is unranked) and composes the report. rankQuarter and rankYear differ only in
 * how they score; this is the rest of what both do.
 */
export function assembleReport(
  parts: Omit<Parameters<typeof composeReport>[0], 'ranking' | 'units'> & {
    scores: readonly RankableScore[];
    units: readonly UnitInfo[];
    /** The unit's result, or null when the scope scored nothing for it. */
    resultOf: (unit: UnitInfo) => ScoredUnitResult | null;
  },
): RankingReport {
  const { scores, units, resultOf, ...frame } = parts;
  const ranking = filterRanking(rankUnits(scores, units), frame.category);
  const entries = indexRankingEntries(ranking);
  const unrankedReasons = indexUnrankedReasons(ranking);
  const results = new Map<number, UnitResult>();
  for (const unit of units) {
    const scored = inCategory(frame.category, unit.category) ? resultOf(unit) : null;
    if (!scored) continue;
    const entry = entries.get(unit.id);
    results.set(unit.id, {
      unitId: unit.id,
      name: unit.name,
      category: unit.category,
      categoryLabel: unitCategoryLabels[unit.category],
      rank: entry?.rank ?? null,
      tied: entry?.tied ?? false,
      score: scored.score,
      unrankedReason: entry ? null : (unrankedReasons.get(unit.id) ?? null),
      stats: scored.stats,
      quarterScores: scored.quarterScores,
      yearReason: scored.yearReason,
      breakdown: scored.breakdown,
    });
  }
  return composeReport({ ...frame, ranking, units: orderUnits(ranking, results) });
}
