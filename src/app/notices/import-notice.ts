import { commandRef } from '../../command-names.js';
import { toLocalDate } from '../../domain/calendar/index.js';
import { hasLead } from '../../domain/cycle/index.js';
import { ADDED_BY_HAND, diffNotices, type ParsedNotice, type ParsedTask } from '../../domain/notice/index.js';
import { canonicalUnitName, resolveUnitNames, type ResolvedUnitName } from '../../domain/units/index.js';
import { UserError } from '../../errors.js';
import type { CorrectedTaskRecord, NoticeTaskFields, Repositories, TaskUnitRow } from '../../ports.js';
import type { AppContext } from '../context.js';
import { ensureReportingPeriods } from '../cycle/reporting-periods.js';
import { queueAfterCommit } from '../queue-follow-up.js';
import { loadCurrentNotice } from './current-notice.js';
import { loadDirectorySnapshot } from './directory-snapshot.js';
import { loadShownDraft } from './correct-import-draft.js';
import { IMPORT_LOCK } from './import-lock.js';
import { keepCorrectedUnits, settleReimportCorrections, type SettledTask } from './reimport-corrections.js';
import type { DiffSummary, NoticeImportDraft } from './notice-import-draft.js';

export interface ImportResult {
  noticeId: number;
  year: number;
  version: number;
  taskCount: number;
  sectionCount: number;
  createdUnits: string[];
  createdCollectives: string[];
  aliasesAdded: { alias: string; unit: string }[];
  diff: DiffSummary | null;
  /** Live tasks no unit leads (未指定牵头单位): they ask nobody for reports until a coordinator names a lead. */
  leaderlessTasks: number;
  /** The queue was away: reminders are planned when it is back. */
  remindersDeferred?: boolean;
}

/** `revision` is the draft revision the confirmed preview showed: an older preview confirms nothing. */
export interface ImportInput {
  workspaceId: number;
  actorId: string;
  draftId: string;
  revision?: number;
}

type Target = { unitId: number } | { collectiveId: number };

/** Makes every unit name of the notice point at a directory entry, creating what is missing. */
async function resolveTargets(tx: Repositories, workspaceId: number, draft: NoticeImportDraft, result: ImportResult): Promise<Map<string, Target>> {
  const snapshot = await loadDirectorySnapshot(tx, workspaceId);
  const names = draft.parsed.tasks.flatMap((t) => t.units.map((u) => ({ name: u.name, collective: u.collective })));
  const resolved: ResolvedUnitName[] = resolveUnitNames(names, snapshot);
  const targets = new Map<string, Target>();
  for (const entry of resolved) {
    if (entry.kind === 'unit') targets.set(entry.name, { unitId: entry.unitId });
    else if (entry.kind === 'collective') targets.set(entry.name, { collectiveId: entry.collectiveId });
    else if (entry.kind === 'new_collective') {
      targets.set(entry.name, { collectiveId: await tx.units.createCollective(workspaceId, entry.name) });
      result.createdCollectives.push(entry.name);
    } else {
      const aliasOf = draft.acceptedAliases[entry.name];
      const existing = aliasOf ? snapshot.units.find((u) => u.name === aliasOf) : undefined;
      if (existing) {
        await tx.units.addAlias(workspaceId, existing.id, entry.name);
        targets.set(entry.name, { unitId: existing.id });
        result.aliasesAdded.push({ alias: entry.name, unit: existing.name });
      } else {
        const unit = await tx.units.create(workspaceId, entry.name, entry.category);
        targets.set(entry.name, { unitId: unit.id });
        result.createdUnits.push(entry.name);
      }
    }
  }
  return targets;
}

function taskFields(task: ParsedTask, seq: number, sectionId: number | null): NoticeTaskFields {
  return {
    sectionId,
    seq,
    label: task.label || `${task.no}.`,
    no: task.no,
    title: task.title.slice(0, 500),
    body: task.text,
    deadlinePhrase: task.deadline,
    dueDate: task.dueDate,
    targets: task.targets,
    leaderPerson: task.leaderPerson,
  };
}

/** The names on a task pointing at their directory entries; the same unit listed twice (once by an alias) is one. */
function taskUnitRows(task: ParsedTask, targets: Map<string, Target>): TaskUnitRow[] {
  const seen = new Set<string>();
  const rows: TaskUnitRow[] = [];
  for (const unit of task.units) {
    const target = targets.get(canonicalUnitName(unit.name));
    if (!target) continue;
    const key = 'unitId' in target ? `u${target.unitId}` : `c${target.collectiveId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      unitId: 'unitId' in target ? target.unitId : null,
      collectiveId: 'collectiveId' in target ? target.collectiveId : null,
      role: unit.role,
      position: rows.length + 1,
      nameAsWritten: unit.name,
    });
  }
  return rows;
}

/** A kept task's fields with the coordinator's corrections that the revision left be. */
function withCorrections(fields: NoticeTaskFields, settled: SettledTask, sectionIds: Map<number, number>): NoticeTaskFields {
  const { record, kept } = settled;
  const corrected = { ...fields };
  if (kept.includes('title')) corrected.title = record.title;
  if (kept.includes('deadline')) Object.assign(corrected, { deadlinePhrase: record.deadlinePhrase, dueDate: record.dueDate });
  if (kept.includes('section') && record.sectionNo !== null && sectionIds.has(record.sectionNo)) corrected.sectionId = sectionIds.get(record.sectionNo) ?? null;
  return corrected;
}

/** A task added by hand, as it stands. */
function recordFields(record: CorrectedTaskRecord, sectionId: number | null): NoticeTaskFields {
  return {
    sectionId,
    seq: record.seq,
    label: record.label,
    no: record.no,
    title: record.title,
    body: record.body,
    deadlinePhrase: record.deadlinePhrase,
    dueDate: record.dueDate,
    targets: [],
    leaderPerson: null,
  };
}

async function insertSections(tx: Repositories, workspaceId: number, noticeId: number, parsed: ParsedNotice): Promise<Map<number, number>> {
  const rows = await tx.notices.insertSections(
    workspaceId,
    noticeId,
    parsed.sections.map((section) => ({ no: Math.max(1, section.no), title: section.title.slice(0, 500) })),
  );
  const ids = new Map<number, number>();
  for (const [i, section] of parsed.sections.entries()) {
    const id = rows[i];
    if (id !== undefined && !ids.has(section.no)) ids.set(section.no, id);
  }
  return ids;
}

/**
 * Stores a confirmed import in one transaction. A revision of the same year keeps the ids of the
 * tasks it matches (so their progress stays attached), retires the tasks it dropped, and adds new ones.
 */
export async function importNotice(ctx: AppContext, input: ImportInput): Promise<ImportResult> {
  const result = await storeImport(ctx, input);
  // After commit, through the scheduler port: the new tasks get reminders, dropped ones lose theirs.
  const queued = await queueAfterCommit(ctx, 'reconcile after an import', (s) => s.requestReconcile(input.workspaceId));
  return queued ? result : { ...result, remindersDeferred: true };
}

async function storeImport(ctx: AppContext, input: ImportInput): Promise<ImportResult> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    await tx.workspaces.lockForTransaction(input.workspaceId, IMPORT_LOCK);
    const draft = await loadShownDraft(tx, input, now);
    const workspace = await tx.workspaces.findById(input.workspaceId);
    if (!workspace) throw new UserError('no_workspace', `找不到本服务器的督办设置,请先运行 ${commandRef('setup')}。`);

    const result: ImportResult = {
      noticeId: 0,
      year: draft.year,
      version: (await tx.notices.latestVersion(input.workspaceId, draft.year)) + 1,
      taskCount: draft.parsed.tasks.length,
      sectionCount: draft.parsed.sections.length,
      createdUnits: [],
      createdCollectives: [],
      aliasesAdded: [],
      diff: null,
      leaderlessTasks: 0,
    };
    const targets = await resolveTargets(tx, input.workspaceId, draft, result);
    const current = await loadCurrentNotice(tx, input.workspaceId, draft.year);
    result.noticeId = await tx.notices.insertCurrent({
      workspaceId: input.workspaceId,
      year: draft.year,
      version: result.version,
      title: draft.parsed.title,
      issuer: draft.parsed.issuer,
      sourceKind: draft.sourceKind,
      sourceName: draft.sourceName,
      sourceText: draft.text,
      parsed: draft.parsed,
      importedBy: input.actorId,
    });
    const sectionIds = await insertSections(tx, input.workspaceId, result.noticeId, draft.parsed);
    await tx.notices.renumberLiveTasksAside(input.workspaceId, draft.year);

    // New tasks carry negative ids (-1 - index) so both sides of the diff have the same shape.
    const incoming = draft.parsed.tasks.map((t, index) => ({ ...t, id: -1 - index, record: null }));
    const diff = current ? diffNotices(current.liveTasks, incoming) : null;
    const keptIdByNewIndex = new Map<number, number>();
    // A coordinator's corrections (/task edit, add, remove): kept where the revision left them be.
    const { settled } = diff ? settleReimportCorrections(diff, (t) => -1 - t.id) : { settled: [] };
    const settledById = new Map(settled.map((t) => [t.taskId, t]));
    /** Tasks retired by hand that the revision still lists: they stay retired, under the revision's number. */
    const retiredByHand = new Set(settled.filter((t) => t.record.retiredByHand && t.matchedIndex !== null).map((t) => t.matchedIndex as number));
    if (diff) {
      for (const change of diff.matched) keptIdByNewIndex.set(-1 - change.after.id, change.before.id);
      await tx.notices.retireTasks(
        diff.removed.filter((t) => !t.record?.correctedFields.includes(ADDED_BY_HAND) || t.record.retiredByHand).map((t) => t.id),
        now,
      );
      result.diff = draft.diff;
    }
    // A task a revision adds asks for reports from today on; the first version's tasks ask all year.
    const inForceFrom = current ? toLocalDate(now, workspace.time_zone) : null;

    const kept: { id: number; fields: NoticeTaskFields }[] = [];
    const added: { index: number; fields: NoticeTaskFields }[] = [];
    for (const [index, task] of draft.parsed.tasks.entries()) {
      const fields = taskFields(task, index + 1, task.section !== null ? (sectionIds.get(task.section) ?? null) : null);
      const keptId = keptIdByNewIndex.get(index);
      const corrections = keptId !== undefined ? settledById.get(keptId) : undefined;
      if (keptId !== undefined) kept.push({ id: keptId, fields: corrections ? withCorrections(fields, corrections, sectionIds) : fields });
      else added.push({ index, fields });
    }
    // Tasks added by hand that the revision does not list stay, numbered after the notice's own.
    const handAdded = settled.filter((t) => t.matchedIndex === null && !t.record.retiredByHand);
    for (const [i, t] of handAdded.entries()) {
      const sectionId = t.record.sectionNo !== null ? (sectionIds.get(t.record.sectionNo) ?? null) : null;
      kept.push({ id: t.taskId, fields: { ...recordFields(t.record, sectionId), seq: draft.parsed.tasks.length + i + 1 } });
    }
    await tx.notices.updateTasks(result.noticeId, kept, now);
    const addedIds = await tx.notices.insertTasks(
      input.workspaceId,
      draft.year,
      result.noticeId,
      added.map((a) => a.fields),
      inForceFrom,
    );
    const taskIdByIndex = new Map<number, number>([...keptIdByNewIndex, ...added.map((a, i) => [a.index, addedIds[i] ?? 0] as const)]);
    const units = new Map<number, TaskUnitRow[]>();
    for (const [index, task] of draft.parsed.tasks.entries()) {
      const taskId = taskIdByIndex.get(index) ?? 0;
      const rows = taskUnitRows(task, targets);
      const corrections = settledById.get(taskId);
      units.set(taskId, corrections && !retiredByHand.has(index) ? keepCorrectedUnits(rows, corrections.record, corrections.kept) : rows);
    }
    await tx.notices.replaceTaskUnits(input.workspaceId, units);
    for (const t of settled) {
      const remaining = t.matchedIndex === null || t.record.retiredByHand ? t.record.correctedFields : t.kept;
      if (remaining.join() !== t.record.correctedFields.join()) await tx.tasks.correct(t.taskId, {}, remaining, now);
    }
    result.leaderlessTasks = (await tx.cycle.loadTasks(input.workspaceId, draft.year)).filter((t) => !hasLead(t)).length;
    // The year's periods are laid out with the notice, so no view has to write them.
    await ensureReportingPeriods(tx, workspace, draft.year);

    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'notice.import',
      subjectType: 'notice',
      subjectId: result.noticeId,
      details: {
        year: draft.year,
        version: result.version,
        tasks: result.taskCount,
        revision: draft.revision ?? 0,
        leadless: result.leaderlessTasks,
        createdUnits: result.createdUnits,
        createdCollectives: result.createdCollectives,
        aliasesAdded: result.aliasesAdded,
        diff: result.diff,
      },
    });
    await tx.drafts.delete(input.draftId);
    return result;
  });
}
