import type { LocalDate } from '../calendar/local-date.js';
import type { ProgressStatus } from '../progress/progress-status.js';
import type { TaskRole } from '../cycle/types.js';
import type { UnitCategory } from '../units/unit-name.js';
import type { ReportRating } from './scoring-rules.schema.js';

export type { TaskRole, UnitCategory };

export interface ScoringUnit {
  readonly id: number;
  readonly name: string;
  readonly category: UnitCategory;
}

/** A task that had to report in the quarter. */
export interface ScoringTask {
  readonly id: number;
  /** As users know it, e.g. '（五）推进政务服务标准化'. */
  readonly label: string;
  /** The task's own deadline; null for standing tasks (the period's due date applies). */
  readonly dueDate: LocalDate | null;
  readonly units: readonly { readonly unitId: number; readonly role: TaskRole }[];
}

/** A unit's current report on a task for the quarter (the latest revision). */
export interface ScoringReport {
  readonly taskId: number;
  readonly unitId: number;
  readonly status: ProgressStatus;
  readonly percent: number | null;
  readonly submittedAt: Date;
  readonly late: boolean;
  readonly perfunctory: boolean;
  readonly rating: ReportRating | null;
}

export interface ScoringBonus {
  readonly unitId: number;
  /** Positive; capped per unit per quarter by the rules. */
  readonly points: number;
  readonly reason: string;
}

/** A quarter of the year, as scores are kept. */
export type Quarter = 1 | 2 | 3 | 4;

export type ScoreItemKind = 'base' | 'missing' | 'late' | 'perfunctory' | 'done_on_time' | 'progress' | 'rating' | 'bonus';

export const scoreItemLabels: Readonly<Record<ScoreItemKind, string>> = {
  base: '基础分',
  missing: '未报送扣分',
  late: '逾期报送扣分',
  perfunctory: '敷衍应付扣分',
  done_on_time: '按时完成加分',
  progress: '工作进展加分',
  rating: '督办评价',
  bonus: '加分',
};

/**
 * One item of a unit's score, with what a reader of the explanation needs (the quarter, the kind and the
 * task in words). Units alike on a task share the item: a large quarter has 24,000 items, mostly alike.
 */
export interface ScoreItem {
  readonly quarter: Quarter;
  readonly kind: ScoreItemKind;
  readonly kindLabel: string;
  readonly taskId: number | null;
  /** The task as users know it, e.g. '（五）'; null for the base score and bonuses. */
  readonly taskLabel: string | null;
  /** hundredths / 100 */
  readonly points: number;
  /** The exact value: the items' hundredths add up to the score's. */
  readonly hundredths: number;
  readonly reason: string;
}

export interface ScoreStats {
  readonly tasks: number;
  readonly leadTasks: number;
  readonly supportTasks: number;
  readonly reported: number;
  readonly missing: number;
  readonly late: number;
  readonly perfunctory: number;
  readonly done: number;
  readonly doneOnTime: number;
}

export interface UnitScore {
  readonly unitId: number;
  readonly score: number;
  readonly scoreHundredths: number;
  readonly breakdown: readonly ScoreItem[];
  readonly stats: ScoreStats;
}
