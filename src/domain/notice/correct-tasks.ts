import { isCollectiveUnit } from './units.js';
import type { ParsedTask, TaskUnit } from './types.js';
import { parseChineseNumeral, toChineseNumeral } from '../text/chinese-numerals.js';

/** What a coordinator can set on a task in the import preview; names already checked and canonical. */
export interface TaskCorrection {
  title: string;
  lead: string | null;
  supporting: readonly string[];
  deadline: string | null;
  dueDate: string | null;
}

/** A task as the preview shows it: the parser's, or corrected by the coordinator before confirming. */
export type CorrectedTask = ParsedTask & { correction?: 'edited' | 'added' };

function unitsOf(lead: string | null, supporting: readonly string[]): TaskUnit[] {
  const names = [...new Set([...(lead ? [lead] : []), ...supporting])];
  return names.map((name, i) => ({ name, role: lead && i === 0 ? 'lead' : 'support', collective: isCollectiveUnit(name) }));
}

function applyCorrection(task: ParsedTask, fix: TaskCorrection): ParsedTask {
  const units = unitsOf(fix.lead, fix.supporting);
  return {
    ...task,
    title: fix.title,
    lead: fix.lead,
    leads: fix.lead ? [fix.lead] : [],
    supporting: units.filter((u) => u.role === 'support').map((u) => u.name),
    units,
    deadline: fix.deadline,
    dueDate: fix.dueDate,
  };
}

/** The task with the coordinator's fields; marked edited unless the coordinator added it. */
export function correctTask(task: CorrectedTask, fix: TaskCorrection): CorrectedTask {
  return { ...applyCorrection(task, fix), correction: task.correction === 'added' ? 'added' : 'edited' };
}

/**
 * A task the parser missed, numbered as the coordinator says and written like its neighbours in the
 * section ((三) or 3.), placed after the section's tasks with a lower number.
 */
export function addTask(tasks: readonly CorrectedTask[], at: { section: number | null; no: number }, fix: TaskCorrection): CorrectedTask[] {
  const siblings = tasks.filter((t) => t.section === at.section);
  const style = siblings[0]?.label ?? '';
  const label =
    style.startsWith('（') && /[一二三四五六七八九十]/.test(style) ? `（${toChineseNumeral(at.no)}）` : style.startsWith('（') ? `（${at.no}）` : `${at.no}.`;
  const blank: ParsedTask = {
    no: at.no,
    label,
    section: at.section,
    title: fix.title,
    text: fix.title,
    subheading: siblings.at(-1)?.subheading ?? null,
    lead: null,
    leads: [],
    supporting: [],
    units: [],
    unitsText: null,
    deadline: null,
    dueDate: null,
    targets: [],
    leaderPerson: null,
    line: 0,
  };
  const task: CorrectedTask = { ...applyCorrection(blank, fix), correction: 'added' };
  const before = tasks.findLastIndex((t) => t.section === at.section && t.no < at.no);
  const sectionStart = tasks.findIndex((t) => t.section === at.section);
  const section = at.section;
  const lastBeforeSection = section === null ? -1 : tasks.findLastIndex((t) => t.section !== null && t.section < section);
  const index = before >= 0 ? before + 1 : sectionStart >= 0 ? sectionStart : lastBeforeSection + 1;
  return [...tasks.slice(0, index), task, ...tasks.slice(index)];
}

const numberOf = (token: string): number | null => (/^\d{1,3}$/.test(token) ? Number(token) : parseChineseNumeral(token));

/**
 * Where a coordinator says a missed task goes: "三（七）", "3-7", "3.7" or "三、7" (section, then number),
 * or just "7" in a notice without sections. Null when it cannot be read or names a section the notice lacks.
 */
export function readTaskPosition(text: string, sections: readonly number[]): { section: number | null; no: number } | null {
  const typed = text.trim().replace(/\s+/g, ' ').replace(/\(/g, '（').replace(/\)/g, '）');
  const pair = /^(\S+?)(?:[-—、.．,，\s]+(\S+?)|（(\S+?)）)$/.exec(typed);
  if (sections.length === 0) {
    const no = numberOf(typed.replace(/^（(.+)）$/, '$1').replace(/[.．、]$/, ''));
    return no !== null && no > 0 ? { section: null, no } : null;
  }
  if (!pair) return null;
  const section = numberOf(pair[1] ?? '');
  const no = numberOf(pair[2] ?? pair[3] ?? '');
  if (section === null || no === null || no <= 0 || !sections.includes(section)) return null;
  return { section, no };
}
