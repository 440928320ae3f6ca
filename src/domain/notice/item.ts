import type { Assignment } from './assignment.js';
import { joinContinuation } from './normalize.js';
import type { Scheme } from './numbering.js';
import type { TableRow } from './table.js';
import type { Ledger } from './ledger.js';
import type { LineKind } from './types.js';

/** Field lines ("牵头单位：…") that followed an item; wrapped lines are joined into them. */
export interface FieldBlock {
  parts: string[];
  lines: number[];
}

/** What an item turned out to be once the whole outline is known. */
export type ItemRole = 'task' | 'group' | 'section' | 'text';

/** One numbered line of the body (or one table row) and everything that belongs to it. */
export interface Item {
  scheme: Scheme;
  no: number;
  label: string;
  rank: number;
  /** 1-based line of the number. */
  line: number;
  /** The text after the number, then each continuation line. */
  ownParts: string[];
  ownLines: number[];
  fieldBlocks: FieldBlock[];
  children: Item[];
  parent: Item | null;
  tableRow: TableRow | null;
  /** Field texts made from a table row's unit and deadline cells. */
  tableFields: string[];
  assignment: Assignment | null;
  /** Units written on a section heading and passed down to the tasks under it that name none. */
  headingAssignment: Assignment | null;
  /** How many tasks took their units from the heading above. */
  heirs: number;
  /** The item whose "下同" gave this item its units. */
  carriedFrom: Item | null;
  /** How many following items took this item's units through its "下同". */
  carriedTo: number;
  role: ItemRole;
}

export function createItem(fields: Pick<Item, 'scheme' | 'no' | 'label' | 'rank' | 'line' | 'parent'> & { rest: string }): Item {
  return {
    scheme: fields.scheme,
    no: fields.no,
    label: fields.label,
    rank: fields.rank,
    line: fields.line,
    ownParts: [fields.rest],
    ownLines: [fields.line],
    fieldBlocks: [],
    children: [],
    parent: fields.parent,
    tableRow: null,
    tableFields: [],
    assignment: null,
    headingAssignment: null,
    heirs: 0,
    carriedFrom: null,
    carriedTo: 0,
    role: 'text',
  };
}

/** The item's own text with wrapped lines repaired. */
export function ownText(item: Item): string {
  return joinParts(item.ownParts);
}

export function fieldText(block: FieldBlock): string {
  return joinParts(block.parts);
}

// Most items and field blocks are one line: returned as it is. An indexed loop for the others: this runs for every
// item and block, mostly before the JIT has warmed up, when for-of allocates an iterator result per step.
function joinParts(parts: readonly string[]): string {
  if (parts.length === 1) return parts[0] as string;
  let text = '';
  for (let i = 0; i < parts.length; i++) text = joinContinuation(text, parts[i] as string);
  return text;
}

export function hasUnits(item: Item): boolean {
  return (item.assignment?.units.length ?? 0) > 0;
}

/** Accounts every line the item and its descendants occupy: its own, its field lines, then its children's. */
export function accountLines(item: Item, kind: LineKind, ref: number, ledger: Ledger): void {
  for (let i = 0; i < item.ownLines.length; i++) ledger.account(item.ownLines[i] as number, kind, ref);
  for (let b = 0; b < item.fieldBlocks.length; b++) {
    const lines = (item.fieldBlocks[b] as FieldBlock).lines;
    for (let i = 0; i < lines.length; i++) ledger.account(lines[i] as number, kind, ref);
  }
  for (let c = 0; c < item.children.length; c++) accountLines(item.children[c] as Item, kind, ref, ledger);
}

export function descendantHasUnits(item: Item): boolean {
  // A plain loop: this runs for every item, mostly before the JIT has warmed up.
  for (let i = 0; i < item.children.length; i++) {
    const child = item.children[i] as Item;
    if (hasUnits(child) || descendantHasUnits(child)) return true;
  }
  return false;
}
