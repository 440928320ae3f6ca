import type { LocalDate } from '../calendar/local-date.js';
import type { ProgressStatus } from '../progress/progress-status.js';

/** 一、二… of the notice. */
export interface ReportSection {
  readonly id: string;
  readonly no: number;
  readonly title: string;
}

export interface ReportTask {
  readonly id: string;
  /** null, or an id not among the sections: listed under 其他工作. */
  readonly sectionId: string | null;
  /** As numbered in the notice, e.g. '（五）'. */
  readonly label: string;
  readonly title: string;
  readonly dueDate: LocalDate | null;
  /** 办结 by a coordinator. */
  readonly closed?: boolean;
  /** Lead first, as the notice lists them. */
  readonly units: readonly { readonly unitId: string; readonly role: 'lead' | 'support' }[];
}

export interface ReportUnit {
  readonly id: string;
  readonly name: string;
}

/** A unit's report on a task; when several are given for one task and unit, the latest is used. */
export interface ReportEntry {
  readonly taskId: string;
  readonly unitId: string;
  readonly status: ProgressStatus;
  readonly percent: number | null;
  readonly text: string;
  readonly submittedAt: Date;
  readonly late?: boolean;
}
