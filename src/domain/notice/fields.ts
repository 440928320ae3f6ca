import { bracketDelta, nextBracket } from './units.js';

/**
 * Labelled fields: "牵头单位：X", "配合单位:A、B", "完成时限：2017年底前", "牵头领导：张三" — on their own lines,
 * inline in a task's text, or inside its closing parenthesis.
 */

export type FieldKind = 'lead' | 'support' | 'listed' | 'leader' | 'deadline';

/** Longest first, so "牵头责任单位" wins over "责任单位" and "牵头单位" over "牵头". */
const LABELS: ReadonlyArray<readonly [string, FieldKind]> = [
  ['牵头责任单位', 'lead'],
  ['牵头责任部门', 'lead'],
  ['协同责任单位', 'support'],
  ['配合责任单位', 'support'],
  ['主要责任单位', 'lead'],
  ['牵头区领导', 'leader'],
  ['牵头市领导', 'leader'],
  ['牵头县领导', 'leader'],
  ['牵头单位', 'lead'],
  ['牵头部门', 'lead'],
  ['主办单位', 'lead'],
  ['主责单位', 'lead'],
  ['主责部门', 'lead'],
  ['责任单位', 'listed'],
  ['责任部门', 'listed'],
  ['实施单位', 'listed'],
  ['承办单位', 'listed'],
  ['配合单位', 'support'],
  ['配合部门', 'support'],
  ['协办单位', 'support'],
  ['参与单位', 'support'],
  ['协助单位', 'support'],
  ['协同单位', 'support'],
  ['牵头领导', 'leader'],
  ['责任领导', 'leader'],
  ['分管领导', 'leader'],
  ['联系领导', 'leader'],
  ['包保领导', 'leader'],
  ['完成时限', 'deadline'],
  ['完成时间', 'deadline'],
  ['时间节点', 'deadline'],
  ['时限要求', 'deadline'],
  ['办结时限', 'deadline'],
  ['完成期限', 'deadline'],
  ['时间要求', 'deadline'],
  ['牵头', 'lead'],
  ['主办', 'lead'],
  ['配合', 'support'],
  ['协办', 'support'],
  ['参与', 'support'],
  ['责任', 'listed'],
  ['时限', 'deadline'],
];

const KIND_BY_LABEL = new Map<string, FieldKind>(LABELS);
const LABEL_ALTERNATION = LABELS.map(([label]) => label).join('|');
/** A label starting a line; at the start of a line a space may stand for the colon ("牵头单位 区司法局"). */
const LABEL_AT_START = new RegExp(`^【?(${LABEL_ALTERNATION})】? ?(?:：|(?= ))`);
const LABEL_BOUNDARY = '；，。、：（【 \n\t';
const QUICK_CHECK = /单位|部门|领导|时限|时间|期限|节点|牵头|主办|配合|协办|参与|责任/;

export interface LabeledField {
  label: string;
  kind: FieldKind;
  value: string;
}

const LABEL_LENGTHS = [...new Set(LABELS.map(([label]) => label.length))].sort((a, b) => b - a);
const LABEL_LAST_CHARS = [...new Set(LABELS.map(([label]) => label.slice(-1)))].join('');

/** The longest label that ends right before `end`, or null. */
function findLabelEndingAt(text: string, end: number): string | null {
  // Every label ends in one of a few characters: most colons end prose and need no slicing.
  if (!LABEL_LAST_CHARS.includes(text.charAt(end - 1))) return null;
  for (let i = 0; i < LABEL_LENGTHS.length; i++) {
    const length = LABEL_LENGTHS[i] as number;
    if (end - length < 0) continue;
    const candidate = text.slice(end - length, end);
    if (KIND_BY_LABEL.has(candidate)) return candidate;
  }
  return null;
}

/** True when the line is a field line of its own ("牵头单位：区司法局"). */
export function startsWithLabel(line: string): boolean {
  return QUICK_CHECK.test(line.slice(0, 8)) && LABEL_AT_START.test(line);
}

/**
 * The fields in a text, and the text before the first label. Labels inside parentheses are left for the
 * parenthesis reader, so a body with "（责任单位：…）" is read once.
 */
export interface LabeledFields {
  before: string;
  fields: readonly LabeledField[];
  /** Text after a deadline's sentence ("完成时限：2026年6月底前。（区司法局负责）"): not part of the field. */
  trailing: { text: string; start: number } | null;
}

// A deadline ends with its sentence or where a bracket opens.
const DEADLINE_END = /[。；（〔【[]/;

// Most texts hold no label: they share one empty list (callers only read it).
const NO_FIELDS: readonly LabeledField[] = Object.freeze([]);

export function readLabeledFields(text: string): LabeledFields {
  if (!mayHoldLabel(text)) return { before: text, fields: NO_FIELDS, trailing: null };
  // Where each label starts, the label, where its value starts: kept in reused lists, not objects made per call.
  // Only the first `count` entries are this call's (truncating the lists is a slow call before the JIT warms up).
  const starts = START_INDEX;
  const labels = START_LABEL;
  const valueStarts = START_VALUE;
  let count = 0;
  const atStart = LABEL_AT_START.exec(text);
  if (atStart?.[1]) {
    starts[count] = 0;
    labels[count] = atStart[1];
    valueStarts[count] = atStart[0].length;
    count++;
  }
  // Labels end at a colon: look back from each colon instead of trying every label at every position.
  // Bracket depth is tracked as the colons advance, so a long text with many colons stays linear; the regex engine
  // jumps from bracket to bracket (-2: not looked for yet).
  let depth = 0;
  let bracket = -2;
  for (let colon = text.indexOf('：'); colon !== -1; colon = text.indexOf('：', colon + 1)) {
    const labelEnd = text[colon - 1] === ' ' ? colon - 1 : colon;
    const label = findLabelEndingAt(text, labelEnd);
    if (label === null) continue;
    const index = labelEnd - label.length;
    if (index === 0 && count > 0) continue;
    // "落实主体责任：" is prose: a label starts the text or follows punctuation.
    if (index > 0 && !LABEL_BOUNDARY.includes(text[index - 1] ?? '')) continue;
    if (bracket === -2) bracket = nextBracket(text, 0);
    while (bracket !== -1 && bracket < index) {
      depth = Math.max(0, depth + bracketDelta(text.charCodeAt(bracket)));
      bracket = nextBracket(text, bracket + 1);
    }
    if (depth !== 0) continue;
    starts[count] = index;
    labels[count] = label;
    valueStarts[count] = colon + 1;
    count++;
  }
  if (count === 0) return { before: text, fields: NO_FIELDS, trailing: null };
  let trailing: LabeledFields['trailing'] = null;
  const fields: LabeledField[] = [];
  // A loop, not map with a closure: this runs for every item, mostly before the JIT has warmed up.
  for (let i = 0; i < count; i++) {
    const label = labels[i] as string;
    const valueStart = valueStarts[i] as number;
    const kind = KIND_BY_LABEL.get(label) ?? 'listed';
    let end = i + 1 < count ? (starts[i + 1] as number) : text.length;
    if (kind === 'deadline') {
      const stop = DEADLINE_END.exec(text.slice(valueStart, end));
      const rest = stop ? text.slice(valueStart + stop.index, end) : '';
      if (stop && rest.replace(/[。；，\s]/g, '') !== '') {
        trailing ??= { text: rest, start: valueStart + stop.index };
        end = valueStart + stop.index;
      }
    }
    fields.push({ label, kind, value: cleanValue(text.slice(valueStart, end).trim()) });
  }
  return { before: text.slice(0, starts[0] as number), fields, trailing };
}

/**
 * A label is followed by a colon, or by a space at the start of the text: without either there is none to find.
 * indexOf is native and cheap from the first call; the word alternation only runs on texts that pass it.
 */
function mayHoldLabel(text: string): boolean {
  return (text.indexOf('：') !== -1 || text.indexOf(' ') !== -1) && QUICK_CHECK.test(text);
}

// readLabeledFields is never re-entered: its label positions live here between calls.
const START_INDEX: number[] = [];
const START_LABEL: string[] = [];
const START_VALUE: number[] = [];

const VALUE_EDGES = /^[：\s]+|[；。，、\s]+$/g;
const VALUE_TAIL = '；。，、';

/** A trimmed value without a leading colon or trailing punctuation; the regex only runs when an edge needs it. */
function cleanValue(value: string): string {
  if (value === '' || (value.charAt(0) !== '：' && !VALUE_TAIL.includes(value.charAt(value.length - 1)))) return value;
  return value.replace(VALUE_EDGES, '');
}
