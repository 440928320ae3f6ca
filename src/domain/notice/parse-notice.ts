import { commandRef } from '../../command-names.js';
import type { Assignment } from './assignment.js';
import { readBody } from './body.js';
import { classifyDebris, readDate, readIssuerFromDebris, splitPageTail, type DebrisKind } from './debris.js';
import { findDeadlineInText, normalizeDeadline } from './deadline.js';
import { readHeaderLine } from './header-line.js';
import { isDateLine, isOrganisationLine, readHeader, readYear } from './header.js';
import { accountLines, descendantHasUnits, fieldText, hasUnits, ownText, type Item } from './item.js';
import { excerpt, Ledger } from './ledger.js';
import { compactSpaces, looksTraditional, needsNormalizing, normalizeChars, splitLines, toSimplified } from './normalize.js';
import { matchMarker } from './numbering.js';
import { assignUnits, classifyOutline } from './outline.js';
import { checkSequence, type Numbered } from './sequence.js';
import { findTargets } from './targets.js';
import type { LineAccount, NoticeDiagnostic, ParsedNotice, ParsedSection, ParsedTask, TaskUnit } from './types.js';

/**
 * Reads a work-points notice (工作要点 / 工作安排 / 任务分工方案) as text into sections, tasks with their lead and
 * supporting units, deadlines and targets. Never throws on odd input: what it cannot read becomes a diagnostic.
 */
export function parseNotice(input: string): ParsedNotice {
  const lines = normalizeLines(input);
  const ledger = new Ledger(lines.length);
  // A title and a cover letter sit at the top: the header never needs more than the first few hundred lines.
  const header = readHeader(lines.slice(0, HEADER_SCAN_LIMIT).map(readHeaderLine));
  const debris = new Map<DebrisKind, number[]>();
  for (let i = 0; i < header.headerEnd; i++) {
    const text = lines[i] ?? '';
    if (text === '') continue;
    const kind = classifyDebris(text);
    if (kind) addTo(debris, kind, i + 1);
    else ledger.account(i + 1, 'header', null);
  }

  const body = readBody(lines, header.headerEnd, ledger);
  for (const [kind, found] of body.debris) for (const line of found) addTo(debris, kind, line);
  for (const line of body.headerLines) ledger.account(line, 'header', null);
  reportDebris(debris, lines, ledger);
  const metaIssuers = (debris.get('web') ?? []).map((line) => readIssuerFromDebris(lines[line - 1] ?? '')).filter((found) => found !== null);

  // One native search of the input instead of one per line: normalising never makes a U+FFFD.
  if (input.includes('\uFFFD')) reportGarbledLines(lines, ledger);
  const tailDates = cutPageTails(body.items, ledger);
  assignUnits(body.items);
  classifyOutline(body.roots, body.items);
  const year = header.year ?? readFooterYear(body.headerLines, lines);
  const built = buildOutline(body.roots, year, ledger);
  const issuedOn = readIssuedOn(lines, header.headerEnd, body.headerLines, debris.get('web') ?? [], tailDates);
  if (issuedOn) reportDeadlinesBeforeIssue(built.tasks, issuedOn, ledger);
  if (built.tasks.length === 0) {
    ledger.report(1, 'error', '没有找到任何任务：请确认文件是工作要点或任务分工方案，任务应以（一）、1. 等编号开头，或在表格中列出');
  }
  const lineAccounting = ledger.finish(lines);
  const { diagnostics, newIndex } = sortDiagnostics(ledger);
  return {
    title: header.title,
    year,
    issuer: metaIssuers.find((found) => found.stated)?.issuer ?? header.issuer ?? readFooterIssuer(body.headerLines, lines) ?? metaIssuers[0]?.issuer ?? null,
    issuedOn,
    sections: built.sections,
    tasks: built.tasks,
    diagnostics,
    lineAccounting: repointAccounts(lineAccounting, newIndex),
  };
}

/** Line accounts point at diagnostics by index: after sorting, those that do get a copy pointing at the new index. */
function repointAccounts(accounts: LineAccount[], newIndex: readonly number[]): LineAccount[] {
  for (let i = 0; i < accounts.length; i++) {
    const account = accounts[i] as LineAccount;
    if (account.kind === 'diagnostic' && account.ref !== null) accounts[i] = { ...account, ref: newIndex[account.ref] ?? null };
  }
  return accounts;
}

/** Diagnostics in line order (stable), with the index map that keeps line accounting pointing at the same ones. */
function sortDiagnostics(ledger: Ledger): { diagnostics: NoticeDiagnostic[]; newIndex: number[] } {
  const order = ledger.diagnostics.map((diagnostic, index) => ({ diagnostic, index })).sort((a, b) => a.diagnostic.line - b.diagnostic.line);
  const newIndex: number[] = [];
  order.forEach((entry, position) => {
    newIndex[entry.index] = position;
  });
  return { diagnostics: order.map((entry) => entry.diagnostic), newIndex };
}

const HEADER_SCAN_LIMIT = 400;

function normalizeLines(input: string): string[] {
  const lines = splitLines(input);
  if (looksTraditional(input)) return lines.map((line) => normalizeChars(toSimplified(line)));
  return needsNormalizing(input) ? lines.map(normalizeChars) : lines;
}

function addTo(map: Map<DebrisKind, number[]>, kind: DebrisKind, line: number): void {
  const list = map.get(kind) ?? [];
  list.push(line);
  map.set(kind, list);
}

function reportDebris(debris: Map<DebrisKind, number[]>, lines: readonly string[], ledger: Ledger): void {
  for (const [kind, found] of debris) {
    const sorted = [...found].sort((a, b) => a - b);
    const first = sorted[0];
    if (first === undefined) continue;
    const where = sorted.length > 8 ? `${sorted.slice(0, 8).join('、')}等行` : `${sorted.join('、')}行`;
    const message =
      kind === 'page'
        ? `已忽略${sorted.length}行页码（第${where}）`
        : `已忽略${sorted.length}行网页附加内容（第${where}），如“${excerpt(lines[first - 1] ?? '', 20)}”`;
    ledger.report(first, 'warning', message, sorted);
  }
}

/**
 * Web-page text glued to the end of a paragraph ("…印发分享打印全文", "打印本页", "来源：") is cut off the item it was
 * swallowed into and reported. Returns the dates the cut text held (the page's issue date).
 */
function cutPageTails(items: readonly Item[], ledger: Ledger): string[] {
  const dates: string[] = [];
  // Indexed loops over items and tasks here and below: for-of allocates an iterator result per step until the JIT
  // has warmed up.
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item;
    const parts = item.ownParts;
    const last = parts.length - 1;
    const split = splitPageTail(parts[last] ?? '');
    if (!split) continue;
    const line = item.ownLines[last] ?? item.line;
    const date = readDate(split.tail);
    if (date) dates.push(date);
    const lines: number[] = [];
    if (split.kept === '' && last > 0) {
      parts.pop();
      item.ownLines.pop();
      lines.push(line);
    } else {
      parts[last] = split.kept;
    }
    ledger.report(line, 'warning', `行末的“${excerpt(split.tail, 30)}”是网页或页面附加内容，已从“${excerpt(parts.join(''), 12)}”中删去，请核对`, lines);
  }
  return dates;
}

/** The signature date (a date line in the header or after the body), else the page's 发布日期, else a date cut off a page tail. */
function readIssuedOn(
  lines: readonly string[],
  headerEnd: number,
  footerLines: readonly number[],
  webLines: readonly number[],
  tailDates: readonly string[],
): string | null {
  const candidates: string[] = [];
  for (let i = 0; i < headerEnd; i++) if (isDateLine(lines[i] ?? '')) candidates.push(lines[i] ?? '');
  for (const line of footerLines) if (isDateLine(lines[line - 1] ?? '')) candidates.push(lines[line - 1] ?? '');
  for (const line of webLines) if (/发布|成文|印发/.test(lines[line - 1] ?? '')) candidates.push(lines[line - 1] ?? '');
  for (const text of candidates) {
    const date = readDate(text);
    if (date) return date;
  }
  return tailDates[0] ?? null;
}

/** "每年第一季度前" in a notice issued in August is already past: the coordinator should see it before reminders go out. */
function reportDeadlinesBeforeIssue(tasks: readonly ParsedTask[], issuedOn: string, ledger: Ledger): void {
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i] as ParsedTask;
    if (task.dueDate === null || task.dueDate >= issuedOn) continue;
    ledger.report(
      task.line,
      'warning',
      `任务${task.label}“${excerpt(task.title, 16)}”的完成时限“${task.deadline ?? ''}”计为${task.dueDate}，早于通知印发日期${issuedOn}，请核对；如需调整，请在导入后用 ${commandRef('task edit')} 更正完成时限`,
    );
  }
}

/**
 * U+FFFD stands for bytes the decoder could not read: the text around it may be wrong, unit names included. Each
 * such line is named (a few), or the first of them with their count when the whole file was decoded wrongly.
 */
function reportGarbledLines(lines: readonly string[], ledger: Ledger): void {
  const garbled: number[] = [];
  for (let i = 0; i < lines.length; i++) if ((lines[i] as string).includes('\uFFFD')) garbled.push(i + 1);
  const advice = '可能是文件编码有误或文件已损坏，请核对原文件，或改为直接粘贴文字';
  if (garbled.length > GARBLED_LINES_NAMED) {
    ledger.report(
      garbled[0] ?? 1,
      'warning',
      `第${garbled.slice(0, GARBLED_LINES_NAMED).join('、')}等${garbled.length}行含有无法识别的字符（乱码），${advice}`,
    );
    return;
  }
  for (const line of garbled) {
    const text = lines[line - 1] ?? '';
    const at = text.indexOf('\uFFFD');
    const around = text.slice(Math.max(0, at - 8), at + 8);
    ledger.report(line, 'warning', `第${line}行含有无法识别的字符（乱码）：“${around}”，${advice}`);
  }
}

const GARBLED_LINES_NAMED = 5;

function readFooterYear(headerLines: readonly number[], lines: readonly string[]): number | null {
  for (const line of headerLines) {
    const text = lines[line - 1] ?? '';
    if (isDateLine(text)) return readYear(text);
  }
  return null;
}

function readFooterIssuer(headerLines: readonly number[], lines: readonly string[]): string | null {
  for (const line of headerLines) {
    const text = lines[line - 1] ?? '';
    if (isOrganisationLine(text) && isDateLine(lines[line] ?? lines[line + 1] ?? '')) return text.replace(/ /g, '');
  }
  return null;
}

interface Built {
  sections: ParsedSection[];
  tasks: ParsedTask[];
}

interface Scope {
  section: number | null;
  sectionIndex: number | null;
  /** The sub-headings (groups) above, outermost first, as "label title". */
  subheadings: string[];
}

function buildOutline(roots: readonly Item[], year: number | null, ledger: Ledger): Built {
  const built: Built = { sections: [], tasks: [] };
  const sectionRun: Numbered[] = [];
  const lastTaskNo = new Map<string, number>();
  walk(roots, { section: null, sectionIndex: null, subheadings: [] }, built, year, ledger, lastTaskNo);
  for (const root of roots) if (root.role === 'section' && root.label !== '') sectionRun.push(root);
  checkSequence(sectionRun, '', ledger);
  return built;
}

function walk(siblings: readonly Item[], scope: Scope, built: Built, year: number | null, ledger: Ledger, lastTaskNo: Map<string, number>): void {
  const run: Numbered[] = [];
  // Indexed loops in the per-task path: for-of allocates an iterator result per step until the JIT has warmed up.
  for (let s = 0; s < siblings.length; s++) {
    const item = siblings[s] as Item;
    if (item.role === 'section') {
      const index = built.sections.push({ no: item.no, title: readSectionTitle(item), line: item.line }) - 1;
      accountOwn(item, 'section', index, ledger);
      if (item.headingAssignment) {
        ledger.report(
          item.line,
          'warning',
          `“${excerpt(readSectionTitle(item), 16)}”的标题写明了责任单位（${excerpt(item.headingAssignment.unitsText ?? '', 24)}），已用于其下${item.heirs}项未写明单位的任务，请核对`,
        );
      }
      const inner: Scope = { section: item.no, sectionIndex: index, subheadings: [] };
      if (descendantHasUnits(item) || item.children.some((child) => child.role !== 'text')) {
        walk(item.children, inner, built, year, ledger, lastTaskNo);
      } else {
        absorbIntoSection(item, index, ledger);
      }
    } else if (item.role === 'group') {
      if (item.label !== '') run.push(item);
      if (scope.sectionIndex !== null) accountOwn(item, 'section', scope.sectionIndex, ledger);
      else for (const line of [...item.ownLines, ...item.fieldBlocks.flatMap((block) => block.lines)]) ledger.account(line, 'header', null);
      const subheading = `${item.label}${readSectionTitle(item)}`;
      walk(item.children, { ...scope, subheadings: [...scope.subheadings, subheading] }, built, year, ledger, lastTaskNo);
    } else if (item.role === 'task') {
      const index = built.tasks.push(buildTask(item, scope, year, ledger)) - 1;
      accountLines(item, 'task', index, ledger);
      if (item.label !== '') run.push(item);
    }
  }
  if (run.length > 0) {
    const parent = siblings[0]?.parent;
    const where = parent ? `“${excerpt(readSectionTitle(parent), 16)}”中` : '';
    const scheme = run[0]?.scheme ?? 'arabic';
    checkSequence(run, where, ledger, lastTaskNo.get(scheme) ?? null);
    const last = run[run.length - 1];
    if (last) lastTaskNo.set(last.scheme, last.no);
  }
}

function accountOwn(item: Item, kind: 'section', index: number, ledger: Ledger): void {
  for (const line of item.ownLines) ledger.account(line, kind, index);
  for (const block of item.fieldBlocks) for (const line of block.lines) ledger.account(line, kind, index);
}

/** A section without any unit below it (总体要求, 保障措施): its numbered lines are its text, and that is said. */
function absorbIntoSection(item: Item, index: number, ledger: Ledger): void {
  accountLines(item, 'section', index, ledger);
  if (item.children.length > 0) {
    ledger.report(
      item.line,
      'warning',
      `“${excerpt(readSectionTitle(item), 16)}”部分的${item.children.length}个条目没有写明责任单位，未作为任务导入；如需督办，请在条目后写明责任单位`,
    );
  }
}

/** The heading; a wrapped heading ("二、深化行政执法体制改革，提升" + "执法水平") is joined back. */
function readSectionTitle(item: Item): string {
  const unitsStart = item.headingAssignment?.startsAt ?? -1;
  const first = item.ownParts[0] ?? '';
  let title = compactSpaces(unitsStart > 0 && unitsStart <= first.length ? first.slice(0, unitsStart) : first);
  const second = item.ownParts[1];
  if (second !== undefined && !/[。；：！？]$/.test(title) && second.length <= 20 && !/[。；]/.test(second) && matchMarker(second) === null) {
    title += compactSpaces(second);
  }
  return title.replace(/[。；：]+$/, '');
}

function buildTask(item: Item, scope: Scope, year: number | null, ledger: Ledger): ParsedTask {
  const rawOwn = ownText(item);
  const own = compactSpaces(rawOwn);
  const assignment = item.assignment;
  const text = item.children.length === 0 ? own : [own, ...describeDescendants(item)].join('\n');
  // A table row has its title in a cell of its own.
  const title = compactSpaces(item.tableRow?.task ? shortTitle(item.tableRow.task, -1) : shortTitle(rawOwn, assignment?.startsAt ?? -1));
  const withoutUnits = assignment?.unitsText ? text.replace(compactSpaces(assignment.unitsText), '') : text;
  const deadline = assignment?.deadline ?? findDeadlineInText(withoutUnits);
  // The first task built from an assignment takes its lists; others sharing it copy them (see Assignment.claimed).
  const owned = assignment !== null && !assignment.claimed;
  if (assignment) assignment.claimed = true;
  const task: ParsedTask = {
    no: item.no,
    label: item.label,
    section: scope.section,
    subheading: scope.subheadings.length > 0 ? scope.subheadings.join(' / ') : null,
    title,
    text,
    lead: assignment?.leads[0] ?? null,
    // Copies when shared: tasks under one heading share an assignment, and callers may change their own task.
    leads: assignment ? (owned ? assignment.leads : assignment.leads.slice()) : [],
    supporting: assignment ? (owned ? assignment.supporting : assignment.supporting.slice()) : [],
    units: assignment ? (owned ? assignment.units : copyUnits(assignment.units)) : [],
    unitsText: assignment?.unitsText ?? null,
    deadline,
    dueDate: deadline === null ? null : normalizeDeadline(deadline, year),
    targets: findTargets(withoutUnits),
    leaderPerson: assignment?.leaderPerson ?? null,
    line: item.line,
  };
  reportTaskProblems(item, task, ledger);
  return task;
}

function copyUnits(units: readonly TaskUnit[]): TaskUnit[] {
  const copies: TaskUnit[] = [];
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as TaskUnit;
    copies.push({ name: unit.name, role: unit.role, collective: unit.collective });
  }
  return copies;
}

function reportTaskProblems(item: Item, task: ParsedTask, ledger: Ledger): void {
  const assignment = item.assignment;
  if (!hasUnits(item)) {
    ledger.report(item.line, 'error', `${taskName(task)}没有写明责任单位，请在导入后用 ${commandRef('task edit')} 指定牵头单位`);
  } else if (task.lead === null && (assignment?.garbled.length ?? 0) === 0) {
    const why = assignment?.noLeadStated && assignment.supporting.length > 1 ? '各单位“按职责分工负责”，' : '';
    ledger.report(item.line, 'warning', `${taskName(task)}${why}没有写明牵头单位，请在导入后用 ${commandRef('task edit')} 指定`);
  }
  if (item.carriedTo > 0) {
    ledger.report(
      item.line,
      'warning',
      `${taskName(task)}的责任单位写明“下同”，已用于其后${item.carriedTo}项未写明单位的任务（${excerpt(assignment?.unitsText ?? '', 24)}），请核对；如有不同，请在导入后用 ${commandRef('task edit')} 更正`,
    );
  }
  // Problems in the units themselves are reported once, on the task that wrote them.
  // Problems in the names themselves are reported once, on the task that wrote them.
  if (assignment && !item.carriedFrom && hasNameProblems(assignment)) reportNameProblems(item, task, assignment, ledger);
  if (descendantHasUnits(item)) {
    ledger.report(item.line, 'warning', `${taskName(task)}的子项另外写了责任单位，已一并归入该任务，请核对`);
  }
}

// Checked first: most tasks have none, and a for-of over an empty list still allocates before the JIT warms up.
function hasNameProblems(assignment: Assignment): boolean {
  return assignment.garbled.length > 0 || assignment.glued.length > 0 || assignment.unreadable.length > 0;
}

function reportNameProblems(item: Item, task: ParsedTask, assignment: Assignment, ledger: Ledger): void {
  for (const garbled of assignment.garbled) {
    const wasLead = task.lead === null && hasUnits(item);
    ledger.report(
      item.line,
      'warning',
      `任务${task.label}的责任单位“${excerpt(garbled, 20)}”含有无法识别的字符（乱码），未作为责任单位导入${wasLead ? '，该任务暂无牵头单位' : ''}；请核对原文后用 ${commandRef('task edit')} 指定`,
    );
  }
  for (const glued of assignment.glued) {
    ledger.report(
      item.line,
      'warning',
      `任务${task.label}中“${excerpt(glued.written, 24)}”没有分隔符，已按单位名称拆分为${glued.parts.map((part) => `“${part}”`).join('')}，请核对；如拆分有误，请在导入后用 ${commandRef('task edit')} 更正`,
    );
  }
  for (const name of assignment.unreadable) {
    ledger.report(
      item.line,
      'warning',
      `任务${task.label}中“${excerpt(name, 20)}”不像单位名称，未作为责任单位导入，请核对；如确是责任单位，请在导入后用 ${commandRef('task edit')} 添加`,
    );
  }
}

// A function, not a closure made per task: most tasks never need the name.
function taskName(task: ParsedTask): string {
  return `任务${task.label}“${excerpt(task.title, 16)}”`;
}

function describeDescendants(item: Item): string[] {
  const out: string[] = [];
  for (const child of item.children) {
    out.push(compactSpaces(`${child.label}${ownText(child)}`));
    for (const block of child.fieldBlocks) out.push(compactSpaces(fieldText(block)));
    out.push(...describeDescendants(child));
  }
  return out;
}

const SENTENCE_STOP = /[。；！？\n]/;
const TITLE_TAIL = /[：，、\s]+$/;
const CLAUSE_STOP = /[，：]/;

/** The task's first sentence or clause, without the unit parenthesis, at most 40 characters. */
export function shortTitle(own: string, unitsStart: number): string {
  const body = (unitsStart > 0 ? own.slice(0, unitsStart) : own).trim();
  // Where the first sentence or clause ends (search: an index, no match array); none at 0 means the whole text.
  const sentenceEnd = body.search(SENTENCE_STOP);
  const firstSentence = sentenceEnd > 0 ? body.slice(0, sentenceEnd) : body;
  let title = firstSentence.replace(TITLE_TAIL, '');
  const clauseEnd = title.search(CLAUSE_STOP);
  const firstClause = clauseEnd > 0 ? title.slice(0, clauseEnd) : title;
  // "推进政务服务“一网通办”，区级政务服务事项网上可办率达到90%以上": the heading is the first clause.
  if (title.length > 24 && firstClause.length >= 6 && firstClause.length <= 24) return firstClause;
  if (title.length > 40) {
    title = firstClause.length <= 40 && firstClause.length >= 4 ? firstClause : `${title.slice(0, 40)}…`;
  }
  return title === '' ? excerpt(own, 40) : title;
}
