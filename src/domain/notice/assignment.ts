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
  unreadable: string[];
  /** Names holding U+FFFD: reported, not kept; they keep their place, so a garbled lead leaves the task without one. */
  garbled: string[];
  /** "下同": these units also stand for the following tasks that name none. */
  carriesForward: boolean;
  /** Names written together with no delimiter, and how they were split. */
  glued: { written: string; parts: string[] }[];
  /** Where the assignment starts in the own text (to cut it from the title); -1 when it came from field lines. */
  startsAt: number;
}

const FUNCTION_WORDS = /^(?:含|包括|包含|即|如|指|例如|不含|以下简称|简称|下称|详见|见|注|其中|主要是|重点是|涉及)/;

interface Found {
  leaderPerson: string | null;
  units: ListedUnit[];
  unitsText: string;
  deadline: string | null;
  unreadable: string[];
  carriesForward: boolean;
  glued: { written: string; parts: string[] }[];
  startsAt: number;
}

/** Reads the assignment of one numbered item: its own text plus any field lines that followed it. */
export function readAssignment(ownText: string, fieldTexts: readonly string[]): Assignment | null {
  const found: Found[] = [];
  // Indexed loops throughout: this runs for every item, mostly before the JIT has warmed up, when for-of allocates.
  for (let i = 0; i < fieldTexts.length; i++) {
    const { fields } = readLabeledFields(fieldTexts[i] as string);
    if (fields.length > 0) found.push(fromFields(fields, -1));
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

function anyUnits(found: readonly Found[]): boolean {
  for (let i = 0; i < found.length; i++) if ((found[i] as Found).units.length > 0) return true;
  return false;
}

function fromFields(fields: readonly LabeledField[], startsAt: number): Found {
  const units: ListedUnit[] = [];
  const unreadable: string[] = [];
  let deadline: string | null = null;
  let leaderPerson: string | null = null;
  let carriesForward = false;
  const glued: Found['glued'] = [];
  const texts: string[] = [];
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f] as LabeledField;
    if (field.kind === 'deadline') {
      // A deadline field is a deadline as a whole ("2022年6月底前、11月底前"): keep it as written.
      const value = field.value.replace(/[。；，\s]+$/, '');
      deadline = value === '' ? null : value.length <= 40 ? value : (findDeadlineInField(value) ?? value.slice(0, 40));
      continue;
    }
    if (field.kind === 'leader') {
      leaderPerson ??= field.value === '' ? null : field.value;
      continue;
    }
    texts.push(`${field.label}：${field.value}`);
    const reading = readUnitList(field.value);
    if (reading.unreadable.length > 0) unreadable.push(...reading.unreadable);
    deadline ??= reading.deadline;
    carriesForward ||= reading.carriesForward;
    if (reading.glued.length > 0) glued.push(...reading.glued);
    for (let u = 0; u < reading.units.length; u++) {
      const unit = reading.units[u] as ListedUnit;
      // A 牵头单位 field makes every unit in it a lead; in a 责任单位 field the list's own marks decide.
      const role = field.kind === 'lead' ? 'lead' : field.kind === 'support' ? (unit.role === 'lead' ? 'lead' : 'support') : unit.role;
      units.push(unit.role === role ? unit : { ...unit, role });
    }
  }
  return { leaderPerson, units, unitsText: texts.join('；'), deadline, unreadable, carriesForward, glued, startsAt };
}

/**
 * The parenthesis that assigns units: the last top-level （…） holding a unit verb or label, or — when it closes
 * the text — one holding only unit names. Document numbers (〔2016〕6号) and periods （2016—2020年） never qualify.
 */
export function findUnitParenthesis(text: string, offset = 0): Found | null {
  const trimmed = text.replace(/[\s。；，.]+$/, '');
  const groups = listParenGroups(trimmed);
  // The last group first: units close a task.
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g] as { open: number; close: number };
    const content = trimmed.slice(group.open + 1, group.close);
    if (content === '' || FUNCTION_WORDS.test(content)) continue;
    const labeled = readLabeledFields(content);
    const fromLabels = labeled.fields.length > 0 ? fromFields(labeled.fields, group.open) : null;
    const listText = fromLabels ? labeled.before : content;
    const reading = listText.trim() === '' ? null : readUnitList(listText);
    const listUnits = reading?.units ?? [];
    const labelUnits = fromLabels?.units ?? [];
    const atEnd = group.close === trimmed.length - 1;
    const listQualifies =
      reading !== null &&
      listUnits.length > 0 &&
      ((reading.hasVerb && listUnits.some((unit) => looksLikeUnit(unit.name))) ||
        (atEnd && reading.unreadable.length === 0 && listUnits.every((unit) => looksLikeUnit(unit.name))));
    if (labelUnits.length === 0 && !listQualifies) continue;
    return {
      leaderPerson: fromLabels?.leaderPerson ?? null,
      units: [...(listQualifies ? listUnits : []), ...labelUnits],
      unitsText: content,
      deadline: fromLabels?.deadline ?? reading?.deadline ?? null,
      unreadable: [...(listQualifies ? (reading?.unreadable ?? []) : []), ...(fromLabels?.unreadable ?? [])],
      carriesForward: (listQualifies && reading?.carriesForward === true) || fromLabels?.carriesForward === true,
      glued: [...(listQualifies ? (reading?.glued ?? []) : []), ...(fromLabels?.glued ?? [])],
      startsAt: offset + group.open,
    };
  }
  return null;
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
    unreadable: [],
    carriesForward: reading.carriesForward,
    glued: reading.glued,
    startsAt: text.lastIndexOf(last),
  };
}

// Brackets a unit list is written in: （区司法局负责）, 〔责任单位：…〕, 【牵头单位：…】, [责任单位：…].
const CLOSING_OF: Record<string, string> = { '（': '）', '〔': '〕', '【': '】', '[': ']' };
const BRACKET = /[（〔【[）〕】\]]/g;

function listParenGroups(text: string): { open: number; close: number }[] {
  const groups: { open: number; close: number }[] = [];
  const stack: { at: number; closing: string }[] = [];
  // From bracket to bracket with the regex engine: a loop over every character is slow until the JIT has warmed up.
  // test() rather than exec(): a bracket is one character, so lastIndex tells where it was without a match array.
  BRACKET.lastIndex = 0;
  while (BRACKET.test(text)) {
    const i = BRACKET.lastIndex - 1;
    const ch = text.charAt(i);
    const closing = CLOSING_OF[ch];
    if (closing) stack.push({ at: i, closing });
    else if (stack.length > 0 && ch === stack[stack.length - 1]?.closing) {
      const open = stack.pop();
      if (open !== undefined && stack.length === 0) groups.push({ open: open.at, close: i });
    }
  }
  return groups;
}

function combine(found: Found[]): Assignment {
  // Plain loops: this runs once for every item of the notice, mostly before the JIT has warmed up.
  const units: ListedUnit[] = [];
  const garbled: string[] = [];
  for (let p = 0; p < found.length; p++) {
    const listed = (found[p] as Found).units;
    for (let u = 0; u < listed.length; u++) {
      const unit = listed[u] as ListedUnit;
      // A task lists a handful of units: a scan of them is cheaper than a Set.
      if (hasName(units, unit.name)) continue;
      units.push(unit);
      if (unit.garbled) garbled.push(unit.name);
    }
  }
  const roles = resolveRoles(units);
  // A garbled name keeps its place while roles are decided, then is left out: a garbled lead leaves no lead.
  const leads = garbled.length === 0 ? roles.leads : roles.leads.filter((name) => !garbled.includes(name));
  const supporting = garbled.length === 0 ? roles.supporting : roles.supporting.filter((name) => !garbled.includes(name));
  const assigned: TaskUnit[] = [];
  for (let i = 0; i < leads.length; i++) {
    const name = leads[i] as string;
    assigned.push({ name, role: 'lead', collective: isCollectiveUnit(name) });
  }
  for (let i = 0; i < supporting.length; i++) {
    const name = supporting[i] as string;
    assigned.push({ name, role: leads.includes(name) ? 'lead' : 'support', collective: isCollectiveUnit(name) });
  }
  const unitsText: string[] = [];
  const unreadable: string[] = [];
  const glued: Assignment['glued'] = [];
  let deadline: string | null = null;
  let leaderPerson: string | null = null;
  let carriesForward = false;
  let startsAt = -1;
  for (let p = 0; p < found.length; p++) {
    const part = found[p] as Found;
    if (part.unitsText !== '') unitsText.push(part.unitsText);
    deadline ??= part.deadline;
    leaderPerson ??= part.leaderPerson;
    if (part.unreadable.length > 0) unreadable.push(...part.unreadable);
    if (part.glued.length > 0) glued.push(...part.glued);
    carriesForward ||= part.carriesForward;
    if (part.startsAt >= 0 && (startsAt < 0 || part.startsAt < startsAt)) startsAt = part.startsAt;
  }
  return {
    units: assigned,
    leads,
    supporting,
    noLeadStated: roles.noLeadStated,
    unitsText: unitsText.length === 0 ? null : unitsText.length === 1 ? (unitsText[0] as string) : unitsText.join('；'),
    deadline,
    leaderPerson,
    unreadable,
    garbled,
    carriesForward,
    glued,
    startsAt,
  };
}

function hasName(units: readonly ListedUnit[], name: string): boolean {
  for (let i = 0; i < units.length; i++) if ((units[i] as ListedUnit).name === name) return true;
  return false;
}
