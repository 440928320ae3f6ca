import type { EvidenceContent, Repositories, Workspace } from '../../ports.js';
import type { Access } from '../access.js';
import { getTaskDetail } from './task-detail.js';

/** An evidence file of a report on the task, as /task shows it. */
export interface TaskEvidenceItem {
  readonly id: number;
  readonly filename: string;
  readonly contentType: string | null;
  readonly sizeBytes: number;
  readonly unitName: string;
  readonly periodLabel: string;
  readonly revision: number;
}

/**
 * The evidence files of every report on a task, newest first, for someone who may see the task (the rule
 * of /task show: coordinators and leaders all, liaisons their units' tasks).
 */
export async function listTaskEvidence(
  store: Repositories,
  workspace: Workspace,
  access: Access,
  seq: number,
  now: Date,
): Promise<{ seq: number; title: string; items: TaskEvidenceItem[] }> {
  const task = await getTaskDetail(store, workspace, access, seq, now);
  const [revisions, units, periods] = await Promise.all([
    store.progress.listTaskRevisions(workspace.id, task.id),
    store.units.list(workspace.id),
    store.periods.list(workspace.id, task.year),
  ]);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const periodLabels = new Map(periods.map((p) => [p.id, p.label]));
  const items = revisions.toReversed().flatMap((r) =>
    r.evidence.map((e) => ({
      ...e,
      unitName: unitNames.get(r.unitId) ?? String(r.unitId),
      periodLabel: periodLabels.get(r.periodId) ?? '',
      revision: r.revision,
    })),
  );
  return { seq: task.seq, title: task.title, items };
}

/** The bytes of evidence files listed by listTaskEvidence (same workspace), in the order asked. */
export async function readTaskEvidence(store: Repositories, workspaceId: number, ids: readonly number[]): Promise<EvidenceContent[]> {
  const files = await Promise.all(ids.map((id) => store.progress.findEvidence(workspaceId, id)));
  return files.filter((f): f is EvidenceContent => f !== undefined);
}
