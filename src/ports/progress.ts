import type { ReportRating } from '../domain/cycle/index.js';
import type { ProgressStatus } from '../domain/progress/index.js';

export type ProgressSource = 'modal' | 'command' | 'reply' | 'cli';

export interface ReportSubmission {
  workspaceId: number;
  taskId: number;
  unitId: number;
  periodId: number;
  status: ProgressStatus;
  text: string;
  percent: number | null;
  late: boolean;
  at: Date;
}

export interface EvidenceFile {
  filename: string;
  contentType: string | null;
  bytes: Uint8Array;
  sha256: string;
}

/** A report on a task as the task's views show it (its latest revision). */
export interface TaskReportRecord {
  readonly reportId: number;
  readonly unitId: number;
  readonly unitName: string;
  readonly periodId: number;
  readonly periodLabel: string;
  readonly periodStartsOn: string;
  readonly status: ProgressStatus;
  readonly percent: number | null;
  readonly text: string;
  readonly submittedAt: Date;
  readonly late: boolean;
  readonly revision: number;
  readonly sentBack: boolean;
  readonly sentBackReason: string | null;
  readonly rating: ReportRating | null;
  readonly perfunctory: boolean;
}

/** An evidence file's description, without its bytes. */
export interface EvidenceInfo {
  readonly id: number;
  readonly filename: string;
  readonly contentType: string | null;
  readonly sizeBytes: number;
}

/** One submission of a report (every revision is kept), with who sent it and its evidence. */
export interface ReportRevisionRecord {
  readonly revisionId: number;
  readonly reportId: number;
  readonly unitId: number;
  readonly periodId: number;
  readonly revision: number;
  readonly status: ProgressStatus;
  readonly text: string;
  readonly percent: number | null;
  readonly late: boolean;
  readonly source: ProgressSource;
  readonly submittedBy: string;
  readonly submittedAt: Date;
  readonly evidence: readonly EvidenceInfo[];
}

/** An evidence file with its bytes and the report it belongs to (who may see it is decided by that report). */
export interface EvidenceContent extends EvidenceInfo {
  readonly taskId: number;
  readonly unitId: number;
  readonly bytes: Uint8Array;
}

export interface ProgressStore {
  /**
   * Writes the unit's report on the task in the period: a new one, or the next revision of the one
   * there (an on-time report edited later stays on time; a sent-back one resubmitted late becomes late).
   */
  saveReport(submission: ReportSubmission): Promise<{ id: number; revision: number; late: boolean }>;
  addRevision(input: {
    workspaceId: number;
    reportId: number;
    revision: number;
    status: ProgressStatus;
    text: string;
    percent: number | null;
    late: boolean;
    source: ProgressSource;
    submittedBy: string;
    at: Date;
  }): Promise<number>;
  addEvidence(workspaceId: number, revisionId: number, file: EvidenceFile): Promise<void>;
  findReport(input: { taskId: number; unitId: number; periodId: number }): Promise<TaskReportRecord | undefined>;
  /** Every report on the task, newest first. */
  listTaskReports(workspaceId: number, taskId: number): Promise<TaskReportRecord[]>;
  /** Every revision of every report on the task, oldest first, each with its evidence files (not their bytes). */
  listTaskRevisions(workspaceId: number, taskId: number): Promise<ReportRevisionRecord[]>;
  /** How many evidence files the reports on the task carry (all revisions): what listTaskRevisions would list. */
  countTaskEvidence(workspaceId: number, taskId: number): Promise<number>;
  /** The names of the evidence files of every report in these periods (all revisions), oldest first. */
  listEvidenceNames(workspaceId: number, periodIds: readonly number[]): Promise<{ taskId: number; unitId: number; periodId: number; filename: string }[]>;
  /** One evidence file of the workspace, with the task and unit of its report. */
  findEvidence(workspaceId: number, evidenceId: number): Promise<EvidenceContent | undefined>;
  sendBack(reportId: number, input: { reason: string; at: Date }): Promise<void>;
  /** A coordinator's grade of a report (督办评价), and whether it was perfunctory (敷衍应付). */
  grade(reportId: number, input: { rating: ReportRating | null; perfunctory: boolean; by: string }): Promise<void>;
}
