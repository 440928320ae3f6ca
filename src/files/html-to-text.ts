/**
 * HTML (a government web page, or the HTML mammoth makes from a .docx) → plain text the notice grammar reads:
 * block elements become line breaks, table rows become tab-separated lines with merged cells padded so columns
 * stay aligned, scripts and styles disappear.
 */

import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

const SKIPPED = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg', 'object', 'iframe', 'select', 'textarea', 'button']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'hr',
  'address',
  'figure',
  'figcaption',
  'main',
  'aside',
  'form',
  'fieldset',
  'center',
  'caption',
  'table',
  'tbody',
  'thead',
  'tfoot',
]);

/** Spaces that HTML writes as entities (&nbsp;, &ensp;, &emsp;, &thinsp;) are plain spaces to the notice grammar; a soft hyphen is nothing. */
const SPACES = /[\u00a0\u2002\u2003\u2009]/g;
const SOFT_HYPHEN = /\u00ad/g;

export function decodeEntities(text: string): string {
  return decodeHTML(text).replace(SPACES, ' ').replace(SOFT_HYPHEN, '');
}

interface Cell {
  text: string;
  colspan: number;
  rowspan: number;
}

interface TableState {
  rows: string[];
  row: Cell[] | null;
  cell: Cell | null;
  /** Columns still covered by a rowspan from above: column index → rows left. */
  carry: Map<number, number>;
}

export function htmlToText(html: string): string {
  const lines: string[] = [];
  let line = '';
  const tables: TableState[] = [];
  let skipDepth = 0;
  let pre = 0;

  const flushLine = (): void => {
    const table = tables[tables.length - 1];
    if (table?.cell) {
      // Inside a cell a paragraph break is a space: "区发改局" / "区财政局" on two lines are two names.
      table.cell.text += ' ';
      return;
    }
    const trimmed = line.replace(/[ \t]+$/g, '').replace(/^[ ]+/, '');
    if (trimmed !== '') lines.push(trimmed);
    line = '';
  };
  const write = (text: string): void => {
    const table = tables[tables.length - 1];
    if (table?.cell) table.cell.text += text;
    else if (table && table.row) {
      // Text between cells (whitespace in the source): nothing to keep.
    } else line += text;
  };

  // Text arrives in pieces (around comments, for one); it is written out whole at the next tag.
  let pending = '';
  const writeText = (): void => {
    const text = pending;
    pending = '';
    if (text === '') return;
    // Whitespace is folded before entities are decoded, so &nbsp;&nbsp; stays two spaces as the page shows them.
    const decoded = decodeEntities(pre > 0 ? text : text.replace(/[\s]+/g, ' '));
    if (pre > 0 && !tables.some((table) => table.cell)) {
      const parts = decoded.split('\n');
      parts.forEach((part, i) => {
        if (i > 0) flushLine();
        write(part);
      });
    } else {
      write(decoded.replace(/\n/g, ' '));
    }
  };

  const openTag = (name: string, attributes: Record<string, string>): void => {
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    if (SKIPPED.has(name)) {
      skipDepth = 1;
      return;
    }
    if (name === 'pre') pre++;
    if (name === 'table') {
      flushLine();
      tables.push({ rows: [], row: null, cell: null, carry: new Map() });
      return;
    }
    const table = tables[tables.length - 1];
    if (table && name === 'tr') return startRow(table);
    if (table && (name === 'td' || name === 'th')) {
      if (!table.row) startRow(table);
      endCell(table);
      table.cell = { text: '', colspan: readSpan(attributes.colspan), rowspan: readSpan(attributes.rowspan) };
      return;
    }
    if (BLOCK.has(name)) flushLine();
  };

  const closeTag = (name: string): void => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (name === 'pre') pre--;
    if (name === 'table') {
      const table = tables.pop();
      if (table) endTable(table, (rows) => emitRows(rows));
      return;
    }
    const table = tables[tables.length - 1];
    if (table && name === 'tr') return endRow(table);
    if (table && (name === 'td' || name === 'th')) return endCell(table);
    if (BLOCK.has(name)) flushLine();
  };

  // htmlparser2 closes every tag it opens (implied closes included, at the end too), so the skip depth balances;
  // the contents of <script> and <style> arrive as text, which skipping drops.
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        writeText();
        openTag(name, attributes);
      },
      onclosetag(name) {
        writeText();
        closeTag(name);
      },
      ontext(text) {
        if (skipDepth === 0) pending += text;
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  writeText();
  flushLine();
  while (tables.length > 0) {
    const table = tables.pop();
    if (table) endTable(table, (rows) => emitRows(rows));
  }
  return lines.join('\n');

  function emitRows(rows: string[]): void {
    const outer = tables[tables.length - 1];
    if (outer?.cell) outer.cell.text += ` ${rows.map((row) => row.replace(/\t+/g, ' ')).join(' ')} `;
    else lines.push(...rows);
  }
}

function readSpan(attribute: string | undefined): number {
  const match = /^\s*(\d+)/.exec(attribute ?? '');
  const value = match?.[1] ? Number.parseInt(match[1], 10) : 1;
  return Number.isFinite(value) && value >= 1 && value <= 50 ? value : 1;
}

function startRow(table: TableState): void {
  endRow(table);
  table.row = [];
}

function endCell(table: TableState): void {
  if (table.cell && table.row) table.row.push(table.cell);
  table.cell = null;
}

/** Lays the row out on the table's grid: cells covered by a rowspan from above or a colspan become empty cells. */
function endRow(table: TableState): void {
  endCell(table);
  const row = table.row;
  if (!row) return;
  table.row = null;
  const cells: string[] = [];
  const nextCarry = new Map<number, number>();
  let column = 0;
  const fillCarried = (): void => {
    let left = table.carry.get(column);
    while (left !== undefined && left > 0) {
      cells.push('');
      if (left > 1) nextCarry.set(column, left - 1);
      column++;
      left = table.carry.get(column);
    }
  };
  for (const cell of row) {
    fillCarried();
    const text = cell.text.replace(/\s+/g, ' ').trim();
    for (let span = 0; span < cell.colspan; span++) {
      cells.push(span === 0 ? text : '');
      if (cell.rowspan > 1) nextCarry.set(column, cell.rowspan - 1);
      column++;
    }
  }
  fillCarried();
  for (const [col, left] of table.carry) if (col >= column && left > 1) nextCarry.set(col, left - 1);
  table.carry = nextCarry;
  const width = cells.length;
  while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  // A row spanning the table keeps one tab: it is still a table row (a heading row), not a paragraph.
  if (cells.length === 1 && width > 1) cells.push('');
  if (cells.length > 0) table.rows.push(cells.join('\t'));
}

function endTable(table: TableState, emit: (rows: string[]) => void): void {
  endRow(table);
  emit(table.rows);
}
