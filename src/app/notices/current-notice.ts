import { ADDED_BY_HAND, type ParsedTask } from '../../domain/notice/index.js';
import type { CorrectedTaskRecord, CurrentNoticeRecord, Repositories } from '../../ports.js';

/** A task of the notice in force as a re-import compares it: as the notice read it, or as a coordinator added it. */
export type BeforeTask = ParsedTask & {
  id: number;
  /** What a coordinator did to it by hand, if anything (its current values in `record`). */
  record: CorrectedTaskRecord | null;
};

export interface CurrentNotice extends CurrentNoticeRecord {
  /**
   * The diff's "before" side: the live tasks as the notice parsed them, each with its id, plus the
   * tasks a coordinator added (as they stand) or retired by hand (as the notice read them), so a
   * re-import keeps the one and does not bring back the other.
   */
  liveTasks: BeforeTask[];
}

/** A task added by hand, in the shape of a parsed one. */
function asParsed(record: CorrectedTaskRecord): ParsedTask {
  const lead = record.units.filter((u) => u.role === 'lead').map((u) => u.nameAsWritten);
  const supporting = record.units.filter((u) => u.role === 'support').map((u) => u.nameAsWritten);
  return {
    no: record.no,
    label: record.label,
    section: record.sectionNo,
    title: record.title,
    text: record.body,
    lead: lead[0] ?? null,
    leads: lead,
    supporting,
    units: record.units.map((u) => ({ name: u.nameAsWritten, role: u.role, collective: u.collectiveId !== null })),
    unitsText: null,
    subheading: null,
    deadline: record.deadlinePhrase,
    dueDate: record.dueDate,
    targets: [],
    leaderPerson: null,
    line: 0,
  };
}

/** The notice currently in force for a year, with its tasks lined up against its parsed tasks. */
export async function loadCurrentNotice(store: Repositories, workspaceId: number, year: number): Promise<CurrentNotice | null> {
  const notice = await store.notices.findCurrent(workspaceId, year);
  if (!notice) return null;
  const records = new Map(notice.correctedTasks.map((r) => [r.id, r]));
  const fromNotice = (id: number, seq: number): BeforeTask[] => {
    const parsedTask = notice.parsed.tasks[seq - 1];
    return parsedTask ? [{ ...parsedTask, id, record: records.get(id) ?? null }] : [];
  };
  const liveTasks: BeforeTask[] = [];
  for (const t of notice.liveTaskIds) {
    const record = records.get(t.id);
    if (record?.correctedFields.includes(ADDED_BY_HAND)) liveTasks.push({ ...asParsed(record), id: t.id, record });
    else liveTasks.push(...fromNotice(t.id, t.seq));
  }
  for (const record of notice.correctedTasks)
    if (record.retiredByHand && !record.correctedFields.includes(ADDED_BY_HAND)) liveTasks.push(...fromNotice(record.id, record.seq));
  return { ...notice, liveTasks };
}
