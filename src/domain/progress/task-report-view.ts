import type { ProgressStatus } from './progress-status.js';

export interface TaskUnitRef {
  readonly unitId: string;
  readonly role: 'lead' | 'support';
}

export interface UnitReportRef {
  readonly unitId: string;
  readonly status: ProgressStatus;
  readonly text: string;
  readonly percent: number | null;
  readonly submittedAt: Date;
  readonly late: boolean;
}

export interface TaskReportView<R extends UnitReportRef = UnitReportRef> {
  /** The lead unit's report; null when it has not reported (or the task has no lead). */
  readonly lead: { readonly unitId: string; readonly report: R | null } | null;
  /** Supporting units' contributions in the order the task lists them, reported or not. */
  readonly supporting: readonly { readonly unitId: string; readonly report: R | null }[];
}

/** A task's reports with the supporting units' contributions gathered under the lead's. */
export function groupTaskReports<R extends UnitReportRef>(
  units: readonly TaskUnitRef[],
  latestReports: readonly R[],
): TaskReportView<R> {
  const byUnit = new Map(latestReports.map((report) => [report.unitId, report]));
  const lead = units.find((unit) => unit.role === 'lead');
  return {
    lead: lead ? { unitId: lead.unitId, report: byUnit.get(lead.unitId) ?? null } : null,
    supporting: units
      .filter((unit) => unit.role === 'support')
      .map((unit) => ({ unitId: unit.unitId, report: byUnit.get(unit.unitId) ?? null })),
  };
}
