import type { ParsedNotice } from '../../domain/notice/index.js';
import type { ResolvedUnitName } from '../../domain/units/index.js';
import type { NoticeSourceKind } from '../../db/tables/index.js';
import type { AppContext } from '../context.js';
import type { CorrectionNote } from './reimport-corrections.js';

export const NOTICE_IMPORT_DRAFT = 'notice_import';
/** Long enough to read a long preview and ask a colleague; short enough not to import something stale. */
export const NOTICE_IMPORT_TTL_MS = 2 * 60 * 60 * 1000;

export interface DiffSummary {
  previousVersion: number;
  added: string[];
  removed: string[];
  reworded: string[];
  unitsChanged: string[];
  unchanged: number;
  /** What happens to a coordinator's corrections of the tasks (absent in drafts from before corrections existed). */
  corrections?: CorrectionNote[];
}

/** What a coordinator sees before confirming, and everything the confirmation needs. */
export interface NoticeImportDraft {
  year: number;
  sourceKind: NoticeSourceKind;
  sourceName: string | null;
  text: string;
  parsed: ParsedNotice;
  units: ResolvedUnitName[];
  /** Unknown name → existing unit name the coordinator accepted as its alias. */
  acceptedAliases: Record<string, string>;
  diff: DiffSummary | null;
}

/** A live import preview of the workspace, with who started it. */
export async function loadImportDraft(
  ctx: AppContext,
  input: { draftId: string; workspaceId: number },
): Promise<{ ownerId: string; payload: NoticeImportDraft } | undefined> {
  const draft = await ctx.store.drafts.load({ id: input.draftId, workspaceId: input.workspaceId, kind: NOTICE_IMPORT_DRAFT, now: ctx.clock.now() });
  return draft && { ownerId: draft.ownerId, payload: draft.payload as NoticeImportDraft };
}

/** The coordinator picked which unknown names are aliases of existing units; only the preview's own suggestions are taken. */
export async function acceptAliases(
  ctx: AppContext,
  draftId: string,
  draft: NoticeImportDraft,
  picks: readonly { alias: string; unit: string }[],
): Promise<NoticeImportDraft> {
  const accepted: Record<string, string> = {};
  for (const { alias, unit } of picks) {
    const entry = draft.units.find((u) => u.name === alias && u.kind === 'new_unit');
    if (entry && entry.kind === 'new_unit' && entry.suggestions.includes(unit)) accepted[alias] = unit;
  }
  const payload = { ...draft, acceptedAliases: accepted };
  await ctx.store.drafts.updatePayload(draftId, payload);
  return payload;
}

/** Cancels an import preview: nothing was stored but the draft, which goes. */
export async function discardImportDraft(ctx: AppContext, draftId: string): Promise<void> {
  await ctx.store.drafts.delete(draftId);
}
