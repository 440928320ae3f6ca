import { unitCategoryLabels, type UnitCategory } from '../../domain/units/index.js';
import { UserError } from '../../errors.js';
import type { Repositories } from '../../ports.js';
import { parseInput, unitCategorySchema, unitNameSchema } from './unit-input.schema.js';

/** A name picked for a task: a unit of the directory, or a collective name (各镇街) standing for its members. */
export type PickedUnit = { kind: 'unit'; id: number; name: string } | { kind: 'collective'; id: number; name: string };

export interface CreatedUnit {
  name: string;
  category: UnitCategory;
}

/** Separators people put between unit names in one field: 、 , ， ; ； and spaces. */
const LIST_SEPARATORS = /[、,，;；\s]+/;

/** "区财政局、区人社局" → ['区财政局', '区人社局']; empty parts dropped. */
export function splitUnitList(typed: string): string[] {
  return typed
    .split(LIST_SEPARATORS)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The list as typed up to its last name, and that last (unfinished) name: what autocomplete completes. */
export function splitLastUnitName(typed: string): { head: string; last: string } {
  const match = /^(.*[、,，;；\s])?([^、,，;；\s]*)$/.exec(typed);
  return { head: match?.[1] ?? '', last: match?.[2] ?? typed };
}

/**
 * Finds each name in the directory (by name or alias, else as a collective name); a name that is in
 * neither is created as a new unit of `category`, or refused when no category was given, saying how
 * to create it. Runs inside the caller's transaction.
 */
export async function pickUnits(
  tx: Repositories,
  workspaceId: number,
  names: readonly string[],
  category: string | null,
): Promise<{ picked: PickedUnit[]; created: CreatedUnit[] }> {
  const picked: PickedUnit[] = [];
  const created: CreatedUnit[] = [];
  for (const typed of names) {
    const parsed = parseInput(unitNameSchema, typed, `单位“${typed}”`);
    if (!parsed.ok) throw new UserError('invalid_unit_name', parsed.message);
    const name = parsed.value;
    const unit = await tx.units.findByNameOrAlias(workspaceId, name);
    const collective = unit ? undefined : await tx.units.findCollectiveByName(workspaceId, name);
    let entry: PickedUnit;
    if (unit) entry = { kind: 'unit', id: unit.id, name: unit.name };
    else if (collective) entry = { kind: 'collective', id: collective.id, name: collective.name };
    else {
      if (category === null) {
        throw new UserError(
          'unknown_unit',
          `单位目录中没有“${name}”。请从联想列表中选择已有单位;如确需新建该单位,请在命令的“类别”选项中选择${Object.values(unitCategoryLabels).join('/')}后重新执行,将同时创建该单位。`,
        );
      }
      const validCategory = unitCategorySchema.parse(category);
      const made = await tx.units.create(workspaceId, name, validCategory);
      created.push({ name: made.name, category: validCategory });
      entry = { kind: 'unit', id: made.id, name: made.name };
    }
    if (!picked.some((p) => p.kind === entry.kind && p.id === entry.id)) picked.push(entry);
  }
  return { picked, created };
}
