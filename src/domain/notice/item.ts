import type { Assignment } from './assignment.js';
import { joinContinuation } from './normalize.js';
import type { Scheme } from './numbering.js';
import type { TableRow } from './table.js';

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
  let text = '';
  for (const part of item.ownParts) text = joinContinuation(text, part);
  return text;
}

export function fieldText(block: FieldBlock): string {
  let text = '';
  for (const part of block.parts) text = joinContinuation(text, part);
  return text;
}

export function hasUnits(item: Item): boolean {
  return (item.assignment?.units.length ?? 0) > 0;
}

/** Every line the item and its descendants occupy. */
export function collectLines(item: Item, into: number[] = []): number[] {
  into.push(...item.ownLines);
  for (const block of item.fieldBlocks) into.push(...block.lines);
  for (const child of item.children) collectLines(child, into);
  return into;
}

export function descendantHasUnits(item: Item): boolean {
  return item.children.some((child) => hasUnits(child) || descendantHasUnits(child));
}
