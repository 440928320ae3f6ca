import { parseChineseNumeral } from '../text/chinese-numerals.js';
import { matchMarker, type Marker } from './numbering.js';

/**
 * Task tables: rows of cells separated by tabs (pasted from Word or Excel, or a .docx table turned into text)
 * or by | (Markdown-like pastes), under a header row such as 序号 / 工作任务 / 落实措施 / 牵头单位 / 配合单位 / 完成时限.
 */

export type ColumnKind = 'no' | 'task' | 'measure' | 'lead' | 'support' | 'listed' | 'deadline' | 'leader' | 'target' | 'other';

const HEADER_NAMES: ReadonlyArray<readonly [RegExp, ColumnKind]> = [
  [/^(?:序号|编号|序|项次|No\.?)$/i, 'no'],
  [/^(?:牵头(?:责任)?单位|牵头部门|主办单位|主责单位|主要责任单位)$/, 'lead'],
  [/^(?:配合(?:责任)?单位|配合部门|协办单位|参与单位|协同(?:责任)?单位|协助单位)$/, 'support'],
  [/^(?:责任单位|责任部门|实施单位|承办单位|责任主体|牵头单位[/、]配合单位|责任单位[（(]牵头单位列第一位[)）])$/, 'listed'],
  [/^(?:完成时限|完成时间|时间节点|时限|时间安排|进度安排|时间要求|完成期限|办结时限|时间进度)$/, 'deadline'],
  [/^(?:牵头(?:区|市|县)?领导|责任领导|分管领导|联系领导|包保领导)$/, 'leader'],
  [/^(?:落实措施|工作措施|主要措施|具体措施|推进措施|措施|工作要求|具体内容|实施步骤|工作举措|举措|主要内容|工作内容及措施)$/, 'measure'],
  [/^(?:工作目标|目标|预期目标|预期成效|目标要求|完成标志|成果形式)$/, 'target'],
  [/^(?:工作任务|重点任务|主要任务|任务|工作内容|任务内容|具体任务|工作事项|事项|项目|重点工作|工作要点|内容|任务名称|项目名称|改革任务|重点事项)$/, 'task'],
];

export interface TableHeader {
  columns: ColumnKind[];
}

/** Cells of a line when it has tab or | separators; null otherwise. */
export function splitTableCells(line: string): string[] | null {
  if (line.includes('\t')) return line.split('\t').map((cell) => cell.trim());
  if (line.includes('|')) {
    const cells = line
      .replace(/^\s*\|/, '')
      .replace(/\|\s*$/, '')
      .split('|')
      .map((cell) => cell.trim());
    return cells.length >= 2 ? cells : null;
  }
  return null;
}

/** "|---|:---:|": the rule under a Markdown header row. */
export function isTableRule(line: string): boolean {
  return /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/.test(line);
}

export function classifyHeaderCell(cell: string): ColumnKind | null {
  const name = cell.replace(HEADER_CELL_NOISE, '');
  for (let i = 0; i < HEADER_NAMES.length; i++) {
    const [pattern, kind] = HEADER_NAMES[i] as readonly [RegExp, ColumnKind];
    if (pattern.test(name)) return kind;
  }
  return null;
}

const HEADER_CELL_NOISE = /[\s*：:]/g;
const NO_COLUMN = (HEADER_NAMES[0] as readonly [RegExp, ColumnKind])[0];

/** Same as `classifyHeaderCell(cell) === 'no'` (the 序号 pattern is tried first), with one regex instead of nine. */
export function isNoHeaderCell(cell: string): boolean {
  return NO_COLUMN.test(cell.replace(HEADER_CELL_NOISE, ''));
}

/** A header row: at least two known column names, one of them a task, measure or unit column. */
export function readTableHeader(cells: readonly string[]): TableHeader | null {
  const kinds = cells.map(classifyHeaderCell);
  const known = kinds.filter((kind) => kind !== null);
  if (known.length < 2 || known.length * 2 < cells.filter((cell) => cell !== '').length) return null;
  if (!known.some((kind) => kind === 'task' || kind === 'measure' || kind === 'lead' || kind === 'listed')) return null;
  return { columns: kinds.map((kind) => kind ?? 'other') };
}

export interface TableRow {
  noCell: string;
  marker: Marker | null;
  /** The number in the 序号 cell, however it is written ("3", "3.", "（三）", "三"). */
  no: number | null;
  task: string;
  measure: string;
  lead: string;
  support: string;
  listed: string;
  deadline: string;
  leader: string;
  target: string;
  other: string[];
  /** The non-empty cells, in order. */
  filled: string[];
}

export function readTableRow(cells: readonly string[], header: TableHeader): TableRow {
  const row: TableRow = {
    noCell: '',
    marker: null,
    no: null,
    task: '',
    measure: '',
    lead: '',
    support: '',
    listed: '',
    deadline: '',
    leader: '',
    target: '',
    other: [],
    filled: cells.filter((cell) => cell !== ''),
  };
  cells.forEach((cell, i) => {
    if (cell === '') return;
    const kind = header.columns[i] ?? 'other';
    if (kind === 'no') row.noCell = cell;
    else if (kind === 'other') row.other.push(cell);
    else row[kind] = row[kind] === '' ? cell : `${row[kind]}、${cell}`;
  });
  row.marker = matchMarker(row.noCell);
  row.no = readCellNumber(row.noCell);
  return row;
}

function readCellNumber(cell: string): number | null {
  const text = cell.replace(/\s/g, '');
  if (text === '') return null;
  if (/^\d{1,4}$/.test(text)) return Number.parseInt(text, 10);
  const marker = matchMarker(text);
  if (marker && marker.rest === '') return marker.no;
  return parseChineseNumeral(text);
}

/** True when the row carries a unit cell: it is a task row whatever its number looks like. */
export function rowHasUnits(row: TableRow): boolean {
  return row.lead !== '' || row.support !== '' || row.listed !== '';
}
