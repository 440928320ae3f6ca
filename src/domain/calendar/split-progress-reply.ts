import type { ProgressStatus } from '../progress/progress-status.js';
import { parseChineseNumeral } from '../text/chinese-numerals.js';
import { guessPercent, guessStatus } from './guess-progress.js';

/** A task the reminder listed, as the liaison may refer to it. */
export interface KnownTask {
  readonly taskId: string;
  /** Its number in its scheme: 5 for '(五)', '5.' or '第五项'. */
  readonly no: number;
  readonly label?: string;
}

/** How the reply numbers its parts. */
export type ReplyMarkerScheme = 'paren_cn' | 'paren_num' | 'dotted_num' | 'ordinal' | 'cn_dun';

export interface ReplyItem {
  /** null when the number is not one of the reminder's tasks, or matches more than one of them. */
  readonly taskId: string | null;
  readonly no: number;
  /** The marker as written ('（五）', '5.', '第五项：'); '' when the whole reply went to the only task. */
  readonly marker: string;
  readonly text: string;
  readonly statusGuess: ProgressStatus | null;
  readonly percent: number | null;
  readonly issue: 'unknown_task' | 'ambiguous_task' | null;
}

export interface ReplyLeftover {
  readonly text: string;
  /** preamble: text before the first number; no_markers: no numbering found at all. */
  readonly reason: 'preamble' | 'no_markers';
}

export interface SplitProgressReply {
  readonly scheme: ReplyMarkerScheme | null;
  readonly items: readonly ReplyItem[];
  readonly leftovers: readonly ReplyLeftover[];
}

const cnNumber = '[一二三四五六七八九十百零〇两]{1,4}';
const markerPatterns: Readonly<Record<ReplyMarkerScheme, RegExp>> = {
  paren_cn: new RegExp(`[（(]\\s*(${cnNumber})\\s*[)）][\\s：:，,、.．]*`, 'gu'),
  paren_num: /[（(]\s*(\d{1,3})\s*[)）][\s：:，,、.．]*/gu,
  dotted_num: /(\d{1,3})\s*[.．、)）](?!\d)[\s：:，,]*/gu,
  ordinal: new RegExp(`第\\s*(${cnNumber}|\\d{1,3})\\s*[项条][\\s：:，,、.．]*`, 'gu'),
  cn_dun: new RegExp(`(${cnNumber})、[\\s：:，,]*`, 'gu'),
};

interface Marker {
  readonly scheme: ReplyMarkerScheme;
  readonly start: number;
  readonly end: number;
  readonly no: number;
  readonly text: string;
}

/** A marker starts the text or follows something that is not a letter or digit ('…', '。', a newline). */
function isAtBoundary(text: string, index: number): boolean {
  if (index === 0) return true;
  const before = text.slice(0, index);
  const previous = [...before.slice(-2)].pop() ?? '';
  return !/[\p{L}\p{N}]/u.test(previous);
}

function readNumber(raw: string): number | null {
  return /^\d+$/.test(raw) ? Number(raw) : parseChineseNumeral(raw);
}

const bracketSchemes: ReadonlySet<ReplyMarkerScheme> = new Set(['paren_cn', 'paren_num']);
// "按照通知第二部分(三)要求": a bracketed number after these words refers to something else.
const referenceBefore = /(?:部分|章|节|条|款|项|号|文|通知|要求|见|按照|根据|依据)\s*$/u;

/**
 * Markers of one scheme. A marker normally starts the text or follows punctuation; a bracketed number
 * may also follow a word ("（1）未启动（5）推进中") when it names one of the listed tasks, comes after
 * the previous marker's number, and is not a reference like "第二部分(三)".
 */
function findMarkers(text: string, scheme: ReplyMarkerScheme, knownNos: ReadonlySet<number>): Marker[] {
  const markers: Marker[] = [];
  for (const match of text.matchAll(markerPatterns[scheme])) {
    const no = readNumber(match[1] ?? '');
    if (no === null || no === 0) continue;
    const previous = markers[markers.length - 1];
    const inline =
      bracketSchemes.has(scheme) &&
      knownNos.has(no) &&
      previous !== undefined &&
      no > previous.no &&
      !referenceBefore.test(text.slice(Math.max(0, match.index - 8), match.index));
    if (!isAtBoundary(text, match.index) && !inline) continue;
    markers.push({ scheme, start: match.index, end: match.index + match[0].length, no, text: match[0].trim() });
  }
  return markers;
}

/** The scheme of the earliest marker; the others stay inside the text (sub-items, references). */
function chooseScheme(text: string, knownNos: ReadonlySet<number>): { scheme: ReplyMarkerScheme; markers: Marker[] } | null {
  let best: { scheme: ReplyMarkerScheme; markers: Marker[] } | null = null;
  for (const scheme of Object.keys(markerPatterns) as ReplyMarkerScheme[]) {
    const markers = findMarkers(text, scheme, knownNos);
    const first = markers[0];
    if (first && (!best || first.start < (best.markers[0]?.start ?? Infinity))) best = { scheme, markers };
  }
  return best;
}

function buildItem(taskIdsByNo: ReadonlyMap<number, string[]>, no: number, marker: string, text: string): ReplyItem {
  const candidates = taskIdsByNo.get(no) ?? [];
  const percent = guessPercent(text);
  return {
    taskId: candidates.length === 1 ? (candidates[0] ?? null) : null,
    no,
    marker,
    text,
    statusGuess: guessStatus(text, percent),
    percent,
    issue: candidates.length === 0 ? 'unknown_task' : candidates.length > 1 ? 'ambiguous_task' : null,
  };
}

/**
 * Splits a liaison's free-text reply into one part per task number: "(一)已完成……(五)网上办理率已达65%……",
 * "1.……5.……" or "第三项……". Nothing is dropped: text before the first number is a leftover, and a
 * reply without numbers goes whole to the only task listed, or is a leftover when there are several.
 * The result is shown back to the liaison for confirmation before anything is stored.
 */
export function splitProgressReply(text: string, knownTasks: readonly KnownTask[]): SplitProgressReply {
  const taskIdsByNo = new Map<number, string[]>();
  for (const task of knownTasks) taskIdsByNo.set(task.no, [...(taskIdsByNo.get(task.no) ?? []), task.taskId]);

  const chosen = chooseScheme(text, new Set(taskIdsByNo.keys()));
  if (!chosen) {
    const whole = text.trim();
    if (whole === '') return { scheme: null, items: [], leftovers: [] };
    const only = knownTasks.length === 1 ? knownTasks[0] : undefined;
    if (only) return { scheme: null, items: [buildItem(taskIdsByNo, only.no, '', whole)], leftovers: [] };
    return { scheme: null, items: [], leftovers: [{ text: whole, reason: 'no_markers' }] };
  }

  const { scheme, markers } = chosen;
  const leftovers: ReplyLeftover[] = [];
  const preamble = text.slice(0, markers[0]?.start ?? 0).trim();
  if (preamble !== '') leftovers.push({ text: preamble, reason: 'preamble' });
  const items = markers.map((marker, index) => {
    const body = text.slice(marker.end, markers[index + 1]?.start ?? text.length).trim();
    return buildItem(taskIdsByNo, marker.no, marker.text, body);
  });
  return { scheme, items, leftovers };
}
