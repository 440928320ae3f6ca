import type { ProgressStatus } from './progress-status.js';

/** One stored version of a unit's report on a task in a period. Earlier revisions are never changed. */
export interface ProgressRevision {
  /** 1 for the first report, then 2, 3 … */
  readonly revision: number;
  readonly status: ProgressStatus;
  readonly text: string;
  readonly percent: number | null;
  readonly submittedAt: Date;
  /** Discord user id of whoever submitted it. */
  readonly submittedBy: string;
  readonly late: boolean;
}

/** The current version: the highest revision number (ties, which storage prevents, go to the later one). */
export function findLatestRevision<T extends Pick<ProgressRevision, 'revision' | 'submittedAt'>>(revisions: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const revision of revisions) {
    if (
      !latest ||
      revision.revision > latest.revision ||
      (revision.revision === latest.revision && revision.submittedAt.getTime() > latest.submittedAt.getTime())
    ) {
      latest = revision;
    }
  }
  return latest;
}

export function nextRevisionNumber(revisions: readonly Pick<ProgressRevision, 'revision'>[]): number {
  return revisions.reduce((max, revision) => Math.max(max, revision.revision), 0) + 1;
}

export type EditDecision = { readonly allowed: true } | { readonly allowed: false; readonly code: 'period_closed'; readonly message: string };

/** Reports stay editable until the coordinator closes the period; lateness never locks them. */
export function decideEdit(period: { readonly closed: boolean; readonly label?: string }): EditDecision {
  if (!period.closed) return { allowed: true };
  const name = period.label ? `“${period.label}”` : '本';
  return {
    allowed: false,
    code: 'period_closed',
    message: `${name}报送周期已由督办人关闭，进展不能再修改；如需更正，请联系督办人。`,
  };
}
