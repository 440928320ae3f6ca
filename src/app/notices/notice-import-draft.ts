import type { CorrectedTask, ParsedNotice } from '../../domain/notice/index.js';
import type { ResolvedUnitName } from '../../domain/units/index.js';
import type { NoticeSourceKind } from '../../db/tables/index.js';
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
  /** As parsed, then as corrected in the preview (the tasks carry their correction mark). */
  parsed: ParsedNotice & { tasks: CorrectedTask[] };
  units: ResolvedUnitName[];
  /** Unknown name → existing unit name the coordinator accepted as its alias. */
  acceptedAliases: Record<string, string>;
  diff: DiffSummary | null;
  /** Bumped by every correction of the preview (0 as parsed); custom ids carry it so an older preview message acts on nothing. */
  revision?: number;
  /** Lines the coordinator dropped as not tasks ("三、（二） …"), shown in the preview. */
  dropped?: string[];
}

export const draftRevision = (draft: NoticeImportDraft): number => draft.revision ?? 0;
