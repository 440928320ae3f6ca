import { z } from 'zod';
import type { NoticeSourceKind } from '../../db/tables/index.js';
import { ADDED_BY_HAND, diffNotices, splitOnKnownNames, type ParsedTask } from '../../domain/notice/index.js';
import { resolveUnitNames } from '../../domain/units/index.js';
import { UserError } from '../../errors.js';
import { NOTICE_LIMITS, tooLongMessage } from '../../files/notice-limits.js';
import { parseNoticeOffThread } from '../../files/parse-off-thread.js';
import type { AppContext } from '../context.js';
import { loadCurrentNotice, type BeforeTask } from './current-notice.js';
import { settleReimportCorrections } from './reimport-corrections.js';
import { loadDirectorySnapshot } from './directory-snapshot.js';
import { NOTICE_IMPORT_DRAFT, NOTICE_IMPORT_TTL_MS, type DiffSummary, type NoticeImportDraft } from './notice-import-draft.js';
import { taskReference } from './task-reference.js';

export const noticeTextSchema = z
  .string()
  .superRefine((text, check) => {
    if (text.length > NOTICE_LIMITS.chars) check.addIssue({ code: 'custom', message: tooLongMessage(text.length) });
  })
  .refine((text) => text.trim().length > 0, '内容为空。请粘贴工作要点全文,或上传 .docx、.pdf、.txt 文件。');

export const noticeYearSchema = z.number().int().min(2000, '年份应在 2000 至 2100 之间。').max(2100, '年份应在 2000 至 2100 之间。');

export interface PrepareImportInput {
  workspaceId: number;
  actorId: string;
  text: string;
  sourceKind: NoticeSourceKind;
  sourceName: string | null;
  year?: number | null;
}

export interface PreparedImport {
  draftId: string;
  draft: NoticeImportDraft;
}

export function summarizeDiff(previousVersion: number, oldTasks: BeforeTask[], parsedTasks: ParsedTask[]): DiffSummary {
  const newTasks = parsedTasks.map((t, index) => ({ ...t, id: -1 - index, record: null }));
  const diff = diffNotices(oldTasks, newTasks);
  const name = (t: ParsedTask) => `${taskReference(t)} ${t.title}`;
  const { notes } = settleReimportCorrections(diff, (t) => -1 - t.id);
  return {
    previousVersion,
    added: diff.added.map(name),
    // A task added by hand stays, one retired by hand is already gone: neither is the revision's removal.
    removed: diff.removed.filter((t) => !t.record?.correctedFields.includes(ADDED_BY_HAND) && !t.record?.retiredByHand).map(name),
    corrections: notes,
    reworded: diff.reworded.map((c) => name(c.after)),
    unitsChanged: diff.unitsChanged.map((c) => name(c.after)),
    unchanged: diff.unchanged.length,
  };
}

/** Parses a notice and keeps the result as a draft for the coordinator to check before anything is stored. */
export async function prepareNoticeImport(ctx: AppContext, input: PrepareImportInput): Promise<PreparedImport> {
  const text = noticeTextSchema.safeParse(input.text);
  if (!text.success) throw new UserError('invalid_notice_text', text.error.issues[0]?.message ?? '内容无法读取。');
  const directory = await loadDirectorySnapshot(ctx.store, input.workspaceId);
  const knownNames = [...directory.units.map((unit) => unit.name), ...directory.aliases.map((alias) => alias.alias)];
  const parsed = splitOnKnownNames(await parseNoticeOffThread(text.data), knownNames);
  if (parsed.tasks.length === 0) {
    throw new UserError('no_tasks_found', '没有识别出任何任务。请确认内容是工作要点正文(含“一、”“(一)”等编号和责任单位),而不是封面、通知或扫描图片。');
  }
  const yearInput = input.year ?? parsed.year;
  if (yearInput === null || yearInput === undefined) {
    throw new UserError('year_unknown', '无法从标题判断年度。请在命令的“年度”选项中填写年份(如 2026)后重新导入。');
  }
  const year = noticeYearSchema.safeParse(yearInput);
  if (!year.success) throw new UserError('invalid_year', year.error.issues[0]?.message ?? '年份不正确。');

  const names = parsed.tasks.flatMap((t) => t.units.map((u) => ({ name: u.name, collective: u.collective })));
  const units = resolveUnitNames(names, directory);
  const current = await loadCurrentNotice(ctx.store, input.workspaceId, year.data);
  const draft: NoticeImportDraft = {
    year: year.data,
    sourceKind: input.sourceKind,
    sourceName: input.sourceName,
    text: text.data,
    parsed,
    units,
    acceptedAliases: {},
    revision: 0,
    diff: current ? summarizeDiff(current.version, current.liveTasks, parsed.tasks) : null,
  };
  const draftId = await ctx.store.drafts.save({
    workspaceId: input.workspaceId,
    kind: NOTICE_IMPORT_DRAFT,
    ownerId: input.actorId,
    payload: draft,
    now: ctx.clock.now(),
    ttlMs: NOTICE_IMPORT_TTL_MS,
  });
  return { draftId, draft };
}
