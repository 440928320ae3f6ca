import type { ReportTask } from '../../domain/reports/index.js';
import type { TaskRecord } from '../../ports.js';

/** A cycle's task as the digest and the annual report read it: with its section. */
export function toReportTask(task: TaskRecord): ReportTask {
  const section = task.sectionId !== null && task.sectionNo !== null ? { id: task.sectionId, no: task.sectionNo, title: task.sectionTitle ?? '' } : null;
  return { ...task, section };
}
