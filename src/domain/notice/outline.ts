import { readAssignment } from './assignment.js';
import { descendantHasUnits, fieldText, hasUnits, ownText, type FieldBlock, type Item } from './item.js';

/**
 * Decides what each numbered item is. A task is the level that carries unit assignments: an item naming its
 * units is a task (its sub-items are its text); an item whose descendants name units is a group (a section when
 * at the top); an item with no units anywhere below it is a task missing its units when its siblings are tasks,
 * and a plain section (总体要求, 保障措施) when it stands at the top.
 */

export function assignUnits(items: readonly Item[]): void {
  // Indexed loops over the items: for-of allocates an iterator result per step until the JIT has warmed up.
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item;
    item.assignment = readAssignment(ownText(item), fieldTexts(item));
  }
  for (let i = 0; i < items.length; i++) liftTrailingAssignment(items[i] as Item);
  for (let i = 0; i < items.length; i++) if ((items[i] as Item).parent === null) passHeadingUnitsDown(items[i] as Item);
  carryUnitsForward(items);
}

/** A table row's field texts, then the field lines that followed the item. */
function fieldTexts(item: Item): readonly string[] {
  if (item.fieldBlocks.length === 0) return item.tableFields;
  // A fresh list rather than a copy of tableFields: an empty [] holds small integers to V8, and pushing text into
  // its copy threw away optimised code.
  const texts: string[] = [];
  for (let i = 0; i < item.tableFields.length; i++) texts.push(item.tableFields[i] as string);
  for (let i = 0; i < item.fieldBlocks.length; i++) texts.push(fieldText(item.fieldBlocks[i] as FieldBlock));
  return texts;
}

/**
 * "〔责任单位：区司法局，各镇街按职责分工负责。下同。〕": the units stand for the following items of the same numbering
 * level that name none, until an item names its own.
 */
function carryUnitsForward(items: readonly Item[]): void {
  let source: Item | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item;
    if (hasUnits(item)) {
      source = item.assignment?.carriesForward ? item : null;
    } else if (source && item.scheme === source.scheme && !descendantHasUnits(item)) {
      item.assignment = source.assignment;
      item.carriedFrom = source;
      source.carriedTo++;
    }
  }
}

/**
 * "三、加强法治宣传教育（区司法局牵头）" over （一）（二）… that name no units: the heading's units are the tasks'
 * units. Only a short heading (no sentence) with two or more sub-items is read this way; a numbered task with
 * sub-items keeps them as its text.
 */
function passHeadingUnitsDown(item: Item): void {
  const assignment = item.assignment;
  if (!assignment || (item.scheme !== 'cn' && item.scheme !== 'part') || item.children.length < 2) return;
  const heading = ownText(item)
    .slice(0, assignment.startsAt > 0 ? assignment.startsAt : undefined)
    .replace(/[。；\s]+$/, '');
  if (heading.length > 40 || /[。；]/.test(heading)) return;
  const heirs = item.children.filter((child) => !hasUnits(child) && !descendantHasUnits(child));
  if (heirs.length === 0) return;
  for (const child of heirs) child.assignment = assignment;
  item.headingAssignment = assignment;
  item.heirs = heirs.length;
  item.assignment = null;
}

/**
 * "1. 推进……\n（1）……\n（2）……（区发改局负责）": units written after the last sub-item belong to the item
 * above when no other sub-item names units.
 */
function liftTrailingAssignment(item: Item): void {
  if (hasUnits(item) || item.children.length < 2) return;
  const last = item.children[item.children.length - 1];
  if (!last || !hasUnits(last) || last.children.length > 0) return;
  if (item.children.slice(0, -1).some((child) => hasUnits(child) || descendantHasUnits(child))) return;
  item.assignment = last.assignment;
  last.assignment = null;
}

export function classifyOutline(roots: readonly Item[], items: readonly Item[]): void {
  const anyUnits = items.some(hasUnits);
  const defaultRank = anyUnits ? null : pickDefaultTaskRank(items);
  classifySiblings(roots, anyUnits, defaultRank);
}

/** With no units anywhere, tasks are the second level when there are two or more, else the first. */
function pickDefaultTaskRank(items: readonly Item[]): number {
  const ranks = [...new Set(items.filter((item) => item.scheme !== 'table').map((item) => item.rank))].sort((a, b) => a - b);
  return ranks.length >= 2 ? (ranks[1] ?? 0) : (ranks[0] ?? 0);
}

function classifySiblings(siblings: readonly Item[], anyUnits: boolean, defaultRank: number | null): void {
  const siblingTasks = siblings.some(hasUnits);
  for (let i = 0; i < siblings.length; i++) {
    const item = siblings[i] as Item;
    if (item.scheme === 'table' || hasUnits(item)) {
      item.role = 'task';
    } else if (descendantHasUnits(item)) {
      item.role = item.parent === null ? 'section' : 'group';
      classifySiblings(item.children, anyUnits, defaultRank);
    } else if (defaultRank !== null) {
      if (item.rank >= defaultRank) item.role = 'task';
      else if (item.children.length > 0) {
        item.role = item.parent === null ? 'section' : 'group';
        classifySiblings(item.children, anyUnits, defaultRank);
      } else item.role = item.parent === null ? 'section' : 'task';
    } else if (siblingTasks || item.parent !== null) {
      item.role = 'task';
    } else {
      item.role = 'section';
    }
  }
}
