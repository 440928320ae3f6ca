import { findUnitParenthesis } from './assignment.js';
import { classifyDebris, type DebrisKind } from './debris.js';
import { startsWithLabel } from './fields.js';
import { isDateLine, isFooterLine, isOrganisationLine } from './header.js';
import { createItem, type FieldBlock, type Item } from './item.js';
import { excerpt, type Ledger } from './ledger.js';
import { matchDigitTitleMarker, matchMarker, SCHEME_RANK, type Marker } from './numbering.js';
import {
  classifyHeaderCell,
  isNoHeaderCell,
  isTableRule,
  readTableHeader,
  readTableRow,
  rowHasUnits,
  splitTableCells,
  type TableHeader,
  type TableRow,
} from './table.js';

/**
 * The body pass: reads the lines after the header into an outline of numbered items (and table rows),
 * attaching wrapped lines and field lines to the item they belong to. Lines that belong to no item are
 * accounted here (header, footer, furniture, unreadable).
 */

export interface BodyReading {
  roots: Item[];
  items: Item[];
  debris: Map<DebrisKind, number[]>;
  /** Lines accounted to the header by this pass: preamble, signature, table header rows. */
  headerLines: number[];
}

interface BodyState {
  roots: Item[];
  items: Item[];
  stack: Item[];
  current: Item | null;
  field: FieldBlock | null;
  table: TableHeader | null;
  /** The last number given to a table row, to number rows whose 序号 cell is empty. */
  lastTableNo: number;
  /** The last 1. 2. … number read anywhere: numbering may run on across sections. */
  lastArabicNo: number;
  /** The unit cells of the last task row: a merged cell leaves the rows below it empty. */
  lastRowUnits: Pick<TableRow, 'lead' | 'listed' | 'support'> | null;
}

export function readBody(lines: readonly string[], start: number, ledger: Ledger): BodyReading {
  const state: BodyState = { roots: [], items: [], stack: [], current: null, field: null, table: null, lastTableNo: 0, lastArabicNo: 0, lastRowUnits: null };
  const reading: BodyReading = { roots: state.roots, items: state.items, debris: new Map(), headerLines: [] };

  // The loop keeps the common path only, the rest is in helpers: V8 optimises a function after an amount of work
  // that grows with its size, and this loop runs cold for the first few notices.
  for (let i = start; i < lines.length; i++) {
    const lineNo = i + 1;
    let text = lines[i] ?? '';
    if (text.trim() === '') {
      state.field = null;
      continue;
    }
    // A table flattened to one cell a line (序号 / 事项 / 责任单位 / 牵头单位, each on its own line).
    if (text.length <= 12 && !state.table && isNoHeaderCell(text)) {
      const end = readCellPerLineTable(lines, i, state, reading, ledger);
      if (end > i) {
        i = end;
        continue;
      }
    }
    // A numbered line is never furniture: test it first, it is the common case and the cheap one.
    const tabbed = text.includes('\t') || text.includes('|');
    const early = tabbed ? null : matchMarker(text);
    if (early) {
      pushItem(state, early, lineNo);
      continue;
    }
    const debris = classifyDebris(text);
    if (debris) {
      addDebris(reading, debris, lineNo);
      continue;
    }
    if (isSignatureLine(lines, i, text)) {
      reading.headerLines.push(lineNo);
      state.field = null;
      continue;
    }
    if (tabbed) {
      const rest = readTabbedLine(text, lineNo, state, reading, ledger);
      if (rest === null) continue;
      text = rest;
    }
    // Untabbed text was read for a number above already.
    const marker = (tabbed ? matchMarker(text) : null) ?? matchNextDigitTitle(state, text);
    if (marker) {
      pushItem(state, marker, lineNo);
      continue;
    }
    if (startsWithLabel(text)) {
      startField(state, text, lineNo, ledger);
      continue;
    }
    if (state.field && continuesField(state.field, text)) {
      state.field.parts.push(text);
      state.field.lines.push(lineNo);
      continue;
    }
    state.field = null;
    if (state.current) {
      state.current.ownParts.push(text);
      state.current.ownLines.push(lineNo);
      continue;
    }
    readPreambleLine(text, lineNo, reading, ledger);
  }
  return reading;
}

function addDebris(reading: BodyReading, kind: DebrisKind, lineNo: number): void {
  const list = reading.debris.get(kind) ?? [];
  list.push(lineNo);
  reading.debris.set(kind, list);
}

/** A footer line, a date line, or an organisation with a date line after it. */
function isSignatureLine(lines: readonly string[], i: number, text: string): boolean {
  return isFooterLine(text) || isDateLine(text) || (isOrganisationLine(text) && isDateLine(nextNonBlank(lines, i)));
}

/**
 * A line with tab or | separators: a table rule, header or row (read here; null is returned), or text whose tabs
 * are just wide spaces (returned with them as spaces).
 */
function readTabbedLine(text: string, lineNo: number, state: BodyState, reading: BodyReading, ledger: Ledger): string | null {
  const cells = splitTableCells(text);
  if (!cells) return text;
  if (isTableRule(text)) {
    reading.headerLines.push(lineNo);
    return null;
  }
  const header = readTableHeader(cells);
  if (header) {
    state.table = header;
    state.lastTableNo = 0;
    state.lastRowUnits = null;
    reading.headerLines.push(lineNo);
    return null;
  }
  if (state.table) {
    readRow(state, readTableRow(cells, state.table), cells, lineNo, ledger);
    return null;
  }
  // Tabs outside a table are just wide spaces.
  return cells.filter((cell) => cell !== '').join(' ');
}

/** A field line ("牵头单位：…") belongs to the item above; without one it is reported. */
function startField(state: BodyState, text: string, lineNo: number, ledger: Ledger): void {
  if (state.current) {
    state.field = { parts: [text], lines: [lineNo] };
    state.current.fieldBlocks.push(state.field);
  } else {
    ledger.report(lineNo, 'warning', `第${lineNo}行像是任务的责任单位，但前面没有任务编号，未导入：“${excerpt(text)}”`, [lineNo]);
  }
}

/** Preamble between the title and the first numbered line. */
function readPreambleLine(text: string, lineNo: number, reading: BodyReading, ledger: Ledger): void {
  if (findUnitParenthesis(text)) {
    ledger.report(lineNo, 'warning', `第${lineNo}行像是一项任务，但没有编号，未导入：“${excerpt(text)}”`, [lineNo]);
  } else {
    reading.headerLines.push(lineNo);
  }
}

/**
 * "7.12345政务热线…" right after task 6.: the number expected next, glued to a title that begins with digits. The
 * number expected follows the last 1. 2. … of the enclosing item, or runs on from the last one anywhere.
 */
function matchNextDigitTitle(state: BodyState, text: string): Marker | null {
  const first = text.charCodeAt(0);
  if (first < 0x30 || first > 0x39) return null;
  let previous: Item | undefined;
  for (let i = state.stack.length - 1; i >= 0 && !previous; i--) if (state.stack[i]?.scheme === 'arabic') previous = state.stack[i];
  return matchDigitTitleMarker(text, previous ? [previous.no + 1] : [1, state.lastArabicNo + 1]);
}

/**
 * Reads a table whose cells arrive one a line: a header of three or more column names starting with 序号, then rows
 * that each start with their number; a row's cells are the lines up to the next number (missing ones are empty).
 * Returns the index of the last line read, or `start` when the lines are no such table.
 */
function readCellPerLineTable(lines: readonly string[], start: number, state: BodyState, reading: BodyReading, ledger: Ledger): number {
  const nonBlank = (from: number): number => {
    let j = from;
    while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
    return j;
  };
  const headerCells: string[] = [];
  const headerLines: number[] = [];
  let j = start;
  while (j < lines.length && classifyHeaderCell(lines[j] ?? '') !== null && headerCells.length < 12) {
    headerCells.push(lines[j] ?? '');
    headerLines.push(j + 1);
    j = nonBlank(j + 1);
  }
  const header = headerCells.length >= 3 ? readTableHeader(headerCells) : null;
  if (!header) return start;
  reading.headerLines.push(...headerLines);
  state.lastTableNo = 0;
  state.lastRowUnits = null;
  const width = header.columns.length;
  let last = headerLines[headerLines.length - 1] ?? start + 1;
  let expected = 1;
  while (j < lines.length) {
    const text = lines[j] ?? '';
    const heading = matchMarker(text);
    if (heading && (heading.scheme === 'cn' || heading.scheme === 'part' || heading.scheme === 'paren-cn')) {
      pushItem(state, heading, j + 1);
      last = j + 1;
      j = nonBlank(j + 1);
      // Numbers may restart under each heading.
      if ((lines[j] ?? '').trim() === '1') expected = 1;
      continue;
    }
    if (text.trim() !== String(expected)) break;
    const cells = [text.trim()];
    const rowLines = [j + 1];
    j = nonBlank(j + 1);
    while (j < lines.length && cells.length < width && (lines[j] ?? '').trim() !== String(expected + 1)) {
      const next = lines[j] ?? '';
      const marker = matchMarker(next);
      if (marker && (marker.scheme === 'cn' || marker.scheme === 'part' || marker.scheme === 'paren-cn')) break;
      cells.push(next.trim());
      rowLines.push(j + 1);
      j = nonBlank(j + 1);
    }
    while (cells.length < width) cells.push('');
    readRow(state, readTableRow(cells, header), cells, rowLines[0] ?? j, ledger);
    if (state.current && state.current.line === rowLines[0]) state.current.ownLines.push(...rowLines.slice(1));
    last = rowLines[rowLines.length - 1] ?? last;
    expected++;
  }
  state.table = null;
  return last - 1;
}

function nextNonBlank(lines: readonly string[], i: number): string {
  for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
    const text = lines[j] ?? '';
    if (text.trim() !== '') return text;
  }
  return '';
}

/**
 * A wrapped field line ("配合单位：区" + "发改局") continues the field; a new paragraph or another
 * "xxx：" heading does not.
 */
function continuesField(field: FieldBlock, text: string): boolean {
  const last = field.parts[field.parts.length - 1] ?? '';
  if (/[。；！？]$/.test(last)) return false;
  if (/^[^，。；]{1,8}：/.test(text)) return false;
  return !(text.length > 40 && /。/.test(text));
}

function pushItem(state: BodyState, marker: Marker, lineNo: number, tableRow: TableRow | null = null): Item {
  const rank = SCHEME_RANK[marker.scheme];
  while (state.stack.length > 0 && (state.stack[state.stack.length - 1]?.rank ?? -1) >= rank) state.stack.pop();
  const parent = state.stack[state.stack.length - 1] ?? null;
  const item = createItem({ scheme: marker.scheme, no: marker.no, label: marker.label, rank, line: lineNo, parent, rest: marker.rest });
  item.tableRow = tableRow;
  (parent ? parent.children : state.roots).push(item);
  state.items.push(item);
  state.stack.push(item);
  state.current = item;
  if (marker.scheme === 'arabic') state.lastArabicNo = marker.no;
  state.field = null;
  return item;
}

function readRow(state: BodyState, row: TableRow, cells: readonly string[], lineNo: number, ledger: Ledger): void {
  if (row.filled.length === 0) return;
  const units = rowHasUnits(row);
  const firstCell = cells[0] ?? '';
  if (!units && row.filled.length === 1) {
    const only = row.filled[0] ?? '';
    const current = state.current;
    if (firstCell === '' && current?.tableRow) {
      // A cell wrapped onto a row of its own: more text of the row above.
      current.ownParts.push(only);
      current.ownLines.push(lineNo);
      return;
    }
    pushHeadingRow(state, only, lineNo);
    return;
  }
  const sectionLike = row.marker?.scheme === 'cn' || row.marker?.scheme === 'part' || (row.no !== null && /^[〇零一二两三四五六七八九十百]+$/.test(row.noCell));
  if (!units && row.noCell !== '' && (sectionLike || row.marker?.scheme === 'paren-cn') && row.measure === '' && row.deadline === '') {
    const title = row.task || row.other.join(' ') || row.marker?.rest || '';
    const scheme = row.marker?.scheme === 'paren-cn' ? 'paren-cn' : row.marker?.scheme === 'part' ? 'part' : 'cn';
    pushItem(state, { scheme, no: row.no ?? row.marker?.no ?? 0, label: row.noCell, rest: title }, lineNo);
    state.lastTableNo = 0;
    return;
  }
  if (row.noCell === '' && !units && state.current?.tableRow) {
    state.current.ownParts.push(composeRowText(row));
    state.current.ownLines.push(lineNo);
    return;
  }
  const above = state.lastRowUnits;
  if (!units && row.task !== '' && above) {
    // A numbered task row whose unit cells are all empty sits under a merged cell: the value above carries down.
    Object.assign(row, above);
    const names = [above.lead, above.listed, above.support].filter((cell) => cell !== '').join('；');
    ledger.report(lineNo, 'warning', `第${lineNo}行表格的责任单位为空，已按合并单元格沿用上一行的“${excerpt(names, 24)}”，请核对`);
  }
  state.lastRowUnits = rowHasUnits(row) ? { lead: row.lead, listed: row.listed, support: row.support } : null;
  let no = row.no;
  if (no === null) {
    no = state.lastTableNo + 1;
    if (state.table?.columns.includes('no')) ledger.report(lineNo, 'warning', `第${lineNo}行表格没有序号，已按顺序编为第${no}项`);
  }
  state.lastTableNo = no;
  const item = pushItem(state, { scheme: 'table', no, label: row.noCell, rest: composeRowText(row) }, lineNo, row);
  item.tableFields = tableFieldTexts(row);
}

/** A row spanning the table: a section or group heading. Unnumbered headings get the next section number. */
function pushHeadingRow(state: BodyState, text: string, lineNo: number): void {
  const marker = matchMarker(text);
  if (marker) {
    pushItem(state, marker, lineNo);
  } else {
    const sections = state.roots.filter((root) => root.scheme === 'cn');
    const no = (sections[sections.length - 1]?.no ?? 0) + 1;
    pushItem(state, { scheme: 'cn', no, label: '', rest: text }, lineNo);
  }
  state.lastTableNo = 0;
}

function composeRowText(row: TableRow): string {
  const parts = [row.task, row.measure].filter((part) => part !== '');
  let text = parts.length === 2 && !/[。：；]$/.test(parts[0] ?? '') ? `${parts[0]}：${parts[1]}` : parts.join('');
  if (row.target !== '') text += `${text === '' ? '' : '\n'}目标：${row.target}`;
  if (row.other.length > 0) text += `${text === '' ? '' : '\n'}${row.other.join('；')}`;
  return text;
}

function tableFieldTexts(row: TableRow): string[] {
  const fields: string[] = [];
  if (row.lead !== '') fields.push(`牵头单位：${row.lead}`);
  if (row.listed !== '') fields.push(`责任单位：${row.listed}`);
  if (row.support !== '') fields.push(`配合单位：${row.support}`);
  if (row.deadline !== '') fields.push(`完成时限：${row.deadline}`);
  if (row.leader !== '') fields.push(`牵头领导：${row.leader}`);
  return fields;
}
