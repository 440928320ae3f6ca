import type { LocalDate } from '../calendar/local-date.js';
import type { ProgressStatus } from '../progress/progress-status.js';

/** 牵头 or 配合: how a unit answers for a task. */
export type TaskRole = 'lead' | 'support';
export type TaskState = 'open' | 'closed';
export type ReportRating = 'excellent' | 'good' | 'fair' | 'poor';

/**
 * One way a unit is named on a task: by its own name (`direct`), or as a member of a collective
 * name such as 各镇政府（街道办事处）. A unit can be listed more than once on one task.
 */
export interface Listing {
  readonly unitId: number;
  readonly role: TaskRole;
  readonly direct: boolean;
  /** The place of the name (the unit's or its collective's) in the notice's list. */
  readonly position: number;
}

/** A live task of a notice, as the cycle's rules read it. */
export interface CycleTask {
  readonly id: number;
  readonly seq: number;
  readonly label: string;
  readonly title: string;
  readonly sectionId: number | null;
  readonly state: TaskState;
  /** The local date it was closed (办结); null while open. */
  readonly closedOn: LocalDate | null;
  /** The first day the task asks for reports; null for the notice's own tasks, which ask all year. */
  readonly inForceFrom: LocalDate | null;
  /** 完成时限 as the notice gives it, normalised; null for standing tasks. */
  readonly dueDate: LocalDate | null;
  /** The date a coordinator extended it to (延期), else null. */
  readonly extendedDueDate: LocalDate | null;
  /** Every listing of an active unit, collectives expanded to their members. */
  readonly listings: readonly Listing[];
  /**
   * Whether some active unit leads the task, when loaded with only some units' listings (which
   * cannot tell); absent, `listings` decide (see hasLead).
   */
  readonly led?: boolean;
}

/** A reporting period (报送周期). */
export interface CyclePeriod {
  readonly id: number;
  readonly key: string;
  readonly label: string;
  readonly startsOn: LocalDate;
  readonly endsOn: LocalDate;
  /** The official due date of the period's reports. */
  readonly dueDate: LocalDate;
  readonly closed: boolean;
}

/** A unit's current report on a task in a period (its latest revision). */
export interface ReportState {
  readonly taskId: number;
  readonly unitId: number;
  readonly periodId: number;
  readonly status: ProgressStatus;
  readonly percent: number | null;
  readonly late: boolean;
  readonly perfunctory: boolean;
  readonly rating: ReportRating | null;
  readonly submittedAt: Date;
  /** Sent back (退回) and not yet resubmitted: the unit owes it again. */
  readonly sentBack: boolean;
  readonly sentBackReason: string | null;
  /** The report's text when it was asked for, else null. */
  readonly text: string | null;
}
