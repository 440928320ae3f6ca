import { findDeadlineInField } from './deadline.js';
import { readLabeledFields, type LabeledField } from './fields.js';
import { isCollectiveUnit, looksLikeUnit, readUnitList, resolveRoles, splitTopLevel, type ListedUnit } from './units.js';
import type { TaskUnit } from './types.js';

/**
 * Who does a piece of work, read from wherever the notice put it: field lines after the task, labels inline,
 * the closing parenthesis, or a closing sentence ("区司法局牵头，各镇街配合。").
 */
export interface Assignment {
  units: TaskUnit[];
  leads: string[];
  supporting: string[];
  noLeadStated: boolean;
  unitsText: string | null;
  deadline: string | null;
  leaderPerson: string | null;
  /** Items in a unit list that are not unit names: reported, not kept. */
  unreadable: readonly string[];
  /** Names holding U+FFFD: reported, not kept; they keep their place, so a garbled lead leaves the task without one. */
  garbled: readonly string[];
  /** "下同": these units also stand for the following tasks that name none. */
  carriesForward: boolean;
  /** Names written together with no delimiter, and how they were split. */
  glued: readonly { written: string; parts: string[] }[];
  /** Where the assignment starts in the own text (to cut it from the title); -1 when it came from field lines. */
  startsAt: number;
  /**
   * A task was built from it and took its lists (leads, supporting, units): tasks sharing it (a heading's units,
   * "下同") copy them instead, so each task's lists are its own.
   */
  claimed: boolean;
}

const DEADLINE_TAIL = /[。；，\s]+$/;
const FUNCTION_WORDS = /^(?:含|包括|包含|即|如|指|例如|不含|以下简称|简称|下称|详见|见|注|其中|主要是|重点是|涉及)/;

interface Found {
  leaderPerson: string | null;
  units: readonly ListedUnit[];
  unitsText: string;
  deadline: string | null;
  unreadable: readonly string[];
  carriesForward: boolean;
  glued: readonly { written: string; parts: string[] }[];
  startsAt: number;
}

/** Reads the assignment of one numbered item: its own text plus any field lines that followed it. */
export function readAssignment(ownText: string, fieldTexts: readonly string[]): Assignment | null {
  const found: Found[] = [];
  // Indexed loops throughout: this runs for every item, mostly before the JIT has warmed up, when for-of allocates.
  for (let i = 0; i < fieldTexts.length; i++) {
    const field = readFieldText(fieldTexts[i] as string);
    if (field) found.push(field);
  }
  const inline = readLabeledFields(ownText);
  if (inline.fields.length > 0) found.push(fromFields(inline.fields, inline.before.length));
  // "…完成时限：2026年6月底前。（区司法局负责）": the units follow the deadline the label introduced.
  const paren =
    findUnitParenthesis(inline.fields.length > 0 ? inline.before : ownText) ??
    (inline.trailing ? findUnitParenthesis(inline.trailing.text, inline.trailing.start) : null);
  if (paren) found.push(paren);
  else if (!anyUnits(found)) {
    const sentence = findUnitSentence(ownText);
    if (sentence) found.push(sentence);
  }
  if (found.length === 0) return null;
  return combine(found);
}

/**
 * The reading of a field line ("牵头单位：区司法局", "完成时限：年内"): the same lines come back task after task, and a
 * reading is only read, so each is computed once.
 */
function readFieldText(text: string): Found | null {
  let found = fieldReadings.get(text);
  if (found === undefined) {
    const { fields } = readLabeledFields(text);
    found = fields.length > 0 ? fromFields(fields, -1) : null;
    if (fieldReadings.size >= FIELD_READINGS_KEPT) fieldReadings.clear();
    fieldReadings.set(text, found);
  }
  return found;
}

const FIELD_READINGS_KEPT = 5000;
const fieldReadings = new Map<string, Found | null>();

function anyUnits(found: readonly Found[]): boolean {
  for (let i = 0; i < found.length; i++) if ((found[i] as Found).units.length > 0) return true;
  return false;
}

function fromFields(fields: readonly LabeledField[], startsAt: number): Found {
  const units: ListedUnit[] = [];
  let unreadable: readonly string[] = NONE;
  let deadline: string | null = null;
  let leaderPerson: string | null = null;
  let carriesForward = false;
  let glued: Found['glued'] = NONE;
  let unitsText: string | null = null;
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f] as LabeledField;
    if (field.kind === 'deadline') {
      // A deadline field is a deadline as a whole ("2022年6月底前、11月底前"): keep it as written.
      const value = field.value.replace(DEADLINE_TAIL, '');
      deadline = value === '' ? null : value.length <= 40 ? value : (findDeadlineInField(value) ?? value.slice(0, 40));
      continue;
    }
    if (field.kind === 'leader') {
      leaderPerson ??= field.value === '' ? null : field.value;
      continue;
    }
    const text = `${field.label}：${field.value}`;
    unitsText = unitsText === null ? text : `${unitsText}；${text}`;
    const reading = readUnitList(field.value);
    unreadable = concat(unreadable, reading.unreadable);
    deadline ??= reading.deadline;
    carriesForward ||= reading.carriesForward;
    glued = concat(glued, reading.glued);
    for (let u = 0; u < reading.units.length; u++) {
      const unit = reading.units[u] as ListedUnit;
      // A 牵头单位 field makes every unit in it a lead; in a 责任单位 field the list's own marks decide.
      const role = field.kind === 'lead' ? 'lead' : field.kind === 'support' ? (unit.role === 'lead' ? 'lead' : 'support') : unit.role;
      units.push(unit.role === role ? unit : { ...unit, role });
    }
  }
  return { leaderPerson, units, unitsText: unitsText ?? '', deadline, unreadable, carriesForward, glued, startsAt };
}

/**
 * The parenthesis that assigns units: the last top-level （…） holding a unit verb or label, or — when it closes
 * the text — one holding only unit names. Document numbers (〔2016〕6号) and periods （2016—2020年） never qualify.
 */
export function findUnitParenthesis(text: string, offset = 0): Found | null {
  // Where the text ends without its closing punctuation (which holds no bracket): found, not copied.
  const end = endWithoutPunctuation(text);
  const groups = PAREN_GROUPS;
  // The last group first: units close a task.
  for (let g = listParenGroups(text, groups) - 2; g >= 0; g -= 2) {
    const open = groups[g] as number;
    const close = groups[g + 1] as number;
    const content = text.slice(open + 1, close);
    if (content === '' || FUNCTION_WORDS.test(content)) continue;
    const labeled = readLabeledFields(content);
    const fromLabels = labeled.fields.length > 0 ? fromFields(labeled.fields, open) : null;
    const listText = fromLabels ? labeled.before : content;
    const reading = listText.trim() === '' ? null : readUnitList(listText);
    const listUnits = reading?.units ?? NONE;
    const labelUnits = fromLabels?.units ?? NONE;
    const atEnd = close === end - 1;
    const listQualifies =
      reading !== null &&
      listUnits.length > 0 &&
      ((reading.hasVerb && countUnitLike(listUnits) > 0) || (atEnd && reading.unreadable.length === 0 && countUnitLike(listUnits) === listUnits.length));
    if (labelUnits.length === 0 && !listQualifies) continue;
    return {
      leaderPerson: fromLabels?.leaderPerson ?? null,
      units: concat(listQualifies ? listUnits : NONE, labelUnits),
      unitsText: content,
      deadline: fromLabels?.deadline ?? reading?.deadline ?? null,
      unreadable: concat(listQualifies ? (reading?.unreadable ?? NONE) : NONE, fromLabels?.unreadable ?? NONE),
      carriesForward: (listQualifies && reading?.carriesForward === true) || fromLabels?.carriesForward === true,
      glued: concat(listQualifies ? (reading?.glued ?? NONE) : NONE, fromLabels?.glued ?? NONE),
      startsAt: offset + open,
    };
  }
  return null;
}

const TRAILING_PUNCTUATION = /[\s。；，.]/;

/**
 * Where the text ends once its closing punctuation is cut off. Read backwards from the end, a character at a time:
 * a regex anchored at $ tries every position of the text, and builds a match array.
 */
function endWithoutPunctuation(text: string): number {
  let end = text.length;
  while (end > 0 && TRAILING_PUNCTUATION.test(text.charAt(end - 1))) end--;
  return end;
}

/** How many of the names look like units (a loop, not some/every with a closure made per call). */
function countUnitLike(units: readonly ListedUnit[]): number {
  let count = 0;
  for (let i = 0; i < units.length; i++) if (looksLikeUnit((units[i] as ListedUnit).name)) count++;
  return count;
}

/** "……。区司法局牵头，各镇街配合。": a closing sentence made only of units and their verbs. */
function findUnitSentence(text: string): Found | null {
  const sentences = splitTopLevel(text.replace(/[\s。]+$/, ''), '。\n');
  const last = sentences[sentences.length - 1];
  if (sentences.length < 2 || last === undefined || last.length > 120) return null;
  const reading = readUnitList(last);
  if (!reading.hasVerb || reading.units.length === 0 || reading.unreadable.length > 0) return null;
  if (!reading.units.every((unit) => looksLikeUnit(unit.name))) return null;
  return {
    leaderPerson: null,
    units: reading.units,
    unitsText: last.trim(),
    deadline: reading.deadline,
    unreadable: NONE,
    carriesForward: reading.carriesForward,
    glued: reading.glued,
    startsAt: text.lastIndexOf(last),
  };
}

// Brackets a unit list is written in: （区司法局负责）, 〔责任单位：…〕, 【牵头单位：…】, [责任单位：…].
const BRACKET = /[（〔【[）〕】\]]/g;

/** The closing bracket's code for an opening bracket's code, else -1 (codes: charAt makes a string per CJK character). */
function closingOf(code: number): number {
  switch (code) {
    case 0xff08: // （
      return 0xff09;
    case 0x3014: // 〔
      return 0x3015;
    case 0x3010: // 【
      return 0x3011;
    case 0x5b: // [
      return 0x5d;
    default:
      return -1;
  }
}

/**
 * Writes the top-level bracket groups into `groups` as a flat list: open, close, open, close… (no object per group),
 * and returns how many entries are this text's.
 */
function listParenGroups(text: string, groups: number[]): number {
  let count = 0;
  // Where the open brackets are, innermost last; reused between calls (never re-entered).
  const stack = OPEN_BRACKETS;
  stack.length = 0;
  // From bracket to bracket with the regex engine: a loop over every character is slow until the JIT has warmed up.
  // test() rather than exec(): a bracket is one character, so lastIndex tells where it was without a match array.
  BRACKET.lastIndex = 0;
  while (BRACKET.test(text)) {
    const i = BRACKET.lastIndex - 1;
    const code = text.charCodeAt(i);
    if (closingOf(code) !== -1) stack.push(i);
    else if (stack.length > 0 && code === closingOf(text.charCodeAt(stack[stack.length - 1] as number))) {
      const open = stack.pop() as number;
      if (stack.length === 0) {
        groups[count++] = open;
        groups[count++] = i;
      }
    }
  }
  return count;
}

const OPEN_BRACKETS: number[] = [];
// findUnitParenthesis is never re-entered: its groups live here between calls, not in a new list per call.
const PAREN_GROUPS: number[] = [];

function combine(found: readonly Found[]): Assignment {
  // Plain loops, and the one part's lists used as they are when there is one part (the usual case): this runs once
  // for every item of the notice, mostly before the JIT has warmed up. The lists are only read from here on.
  const first = found[0] as Found;
  const units = found.length === 1 && !hasRepeatedName(first.units) ? first.units : mergeUnits(found);
  const garbled = listGarbled(units);
  const roles = resolveRoles(units);
  // A garbled name keeps its place while roles are decided, then is left out: a garbled lead leaves no lead.
  const leads = garbled.length === 0 ? roles.leads : roles.leads.filter((name) => !garbled.includes(name));
  const supporting = garbled.length === 0 ? roles.supporting : roles.supporting.filter((name) => !garbled.includes(name));
  // Sized up front: an empty list grows to room for 17 on its first push, and this one is kept in the result.
  const assigned = new Array<TaskUnit>(leads.length + supporting.length);
  for (let i = 0; i < leads.length; i++) {
    const name = leads[i] as string;
    assigned[i] = { name, role: 'lead', collective: isCollectiveUnit(name) };
  }
  for (let i = 0; i < supporting.length; i++) {
    const name = supporting[i] as string;
    assigned[leads.length + i] = { name, role: leads.includes(name) ? 'lead' : 'support', collective: isCollectiveUnit(name) };
  }
  let unitsText: string | null = null;
  let unreadable: readonly string[] = NONE;
  let glued: Assignment['glued'] = NONE;
  let deadline: string | null = null;
  let leaderPerson: string | null = null;
  let carriesForward = false;
  let startsAt = -1;
  for (let p = 0; p < found.length; p++) {
    const part = found[p] as Found;
    if (part.unitsText !== '') unitsText = unitsText === null ? part.unitsText : `${unitsText}；${part.unitsText}`;
    deadline ??= part.deadline;
    leaderPerson ??= part.leaderPerson;
    unreadable = concat(unreadable, part.unreadable);
    glued = concat(glued, part.glued);
    carriesForward ||= part.carriesForward;
    if (part.startsAt >= 0 && (startsAt < 0 || part.startsAt < startsAt)) startsAt = part.startsAt;
  }
  return {
    units: assigned,
    leads,
    supporting,
    noLeadStated: roles.noLeadStated,
    unitsText,
    deadline,
    leaderPerson,
    unreadable,
    garbled,
    carriesForward,
    glued,
    startsAt,
    claimed: false,
  };
}

/** The units of all parts, each name once (the first time it is written). */
function mergeUnits(found: readonly Found[]): ListedUnit[] {
  const units: ListedUnit[] = [];
  for (let p = 0; p < found.length; p++) {
    const listed = (found[p] as Found).units;
    for (let u = 0; u < listed.length; u++) {
      const unit = listed[u] as ListedUnit;
      // A task lists a handful of units: a scan of them is cheaper than a Set.
      if (!hasName(units, unit.name, units.length)) units.push(unit);
    }
  }
  return units;
}

function hasRepeatedName(units: readonly ListedUnit[]): boolean {
  for (let i = 1; i < units.length; i++) if (hasName(units, (units[i] as ListedUnit).name, i)) return true;
  return false;
}

function listGarbled(units: readonly ListedUnit[]): readonly string[] {
  let garbled: string[] | null = null;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as ListedUnit;
    if (unit.garbled) (garbled ??= []).push(unit.name);
  }
  return garbled ?? NONE;
}

/** Both lists in order; one of them as it is when the other is empty (the lists are only read). */
function concat<T>(first: readonly T[], second: readonly T[]): readonly T[] {
  if (second.length === 0) return first;
  return first.length === 0 ? second : [...first, ...second];
}

const NONE: readonly never[] = Object.freeze([]);

/** True when one of the first `count` units has the name. */
function hasName(units: readonly ListedUnit[], name: string, count: number): boolean {
  for (let i = 0; i < count; i++) if ((units[i] as ListedUnit).name === name) return true;
  return false;
}
