import { commandRef } from '../../command-names.js';
import type { UnitCategory } from '../../domain/units/index.js';
import { UserError } from '../../errors.js';
import type { Repositories, Unit } from '../../ports.js';
import type { AppContext } from '../context.js';
import { parseInput, unitCategorySchema, unitNameSchema } from './unit-input.schema.js';

function validName(value: unknown, what: string): string {
  const parsed = parseInput(unitNameSchema, value, what);
  if (!parsed.ok) throw new UserError('invalid_unit_name', parsed.message);
  return parsed.value;
}

async function requireUnit(store: Repositories, workspaceId: number, name: string): Promise<Unit> {
  const unit = await store.units.findByNameOrAlias(workspaceId, validName(name, '单位'));
  if (!unit)
    throw new UserError('unknown_unit', `单位目录中没有“${name}”。请先用 ${commandRef('unit add')} 添加,或用 ${commandRef('unit list')} 查看已有单位。`);
  return unit;
}

async function nameTaken(store: Repositories, workspaceId: number, name: string): Promise<string | null> {
  const unit = await store.units.findByNameOrAlias(workspaceId, name);
  if (unit) return unit.name === name ? `单位“${name}”已存在。` : `“${name}”已是单位“${unit.name}”的别名。`;
  const collective = await store.units.findCollectiveByName(workspaceId, name);
  return collective ? `“${name}”已是一个统称(如“各镇政府（街道办事处）”)。` : null;
}

/** The command that merges one unit into another, as the coordinator would type it. */
export function mergeCommand(from: string, into: string): string {
  return `${commandRef('unit merge')} 被合并单位:${from} 保留单位:${into}`;
}

/** A unit picked by name in a filter (/tasks): its name or alias exactly as listed in autocomplete. */
export async function findPickedUnit(store: Repositories, workspaceId: number, typed: string): Promise<Unit> {
  const unit = await store.units.findByNameOrAlias(workspaceId, typed.trim());
  if (!unit) throw new UserError('unknown_unit', `单位目录中没有“${typed}”。请从联想列表中选择,或用 ${commandRef('unit list')} 查看。`);
  return unit;
}

export async function addUnit(ctx: AppContext, input: { workspaceId: number; actorId: string; name: string; category: UnitCategory }): Promise<Unit> {
  const name = validName(input.name, '单位名称');
  const category = unitCategorySchema.parse(input.category);
  return ctx.store.transaction(async (tx) => {
    const taken = await nameTaken(tx, input.workspaceId, name);
    if (taken) throw new UserError('unit_exists', taken);
    const unit = await tx.units.create(input.workspaceId, name, category);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'unit.add',
      subjectType: 'unit',
      subjectId: unit.id,
      details: { name, category },
    });
    return unit;
  });
}

export async function addAlias(
  ctx: AppContext,
  input: { workspaceId: number; actorId: string; unitName: string; alias: string },
): Promise<{ unit: Unit; alias: string }> {
  const alias = validName(input.alias, '别名');
  return ctx.store.transaction(async (tx) => {
    const unit = await requireUnit(tx, input.workspaceId, input.unitName);
    const other = await tx.units.findByNameOrAlias(input.workspaceId, alias);
    if (other && other.id !== unit.id && other.name === alias) {
      // 区经信局 and 区经济和信息化局 both in the directory: one unit written two ways, which only a merge joins.
      throw new UserError(
        'alias_is_unit',
        `“${alias}”已是目录中的另一个单位。若它和“${unit.name}”是同一单位,请合并:${mergeCommand(alias, unit.name)}。其任务、进展、绑定和分数都会转到“${unit.name}”,“${alias}”成为它的别名。`,
      );
    }
    const taken = await nameTaken(tx, input.workspaceId, alias);
    if (taken) throw new UserError('alias_taken', taken);
    await tx.units.addAlias(input.workspaceId, unit.id, alias);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'unit.alias',
      subjectType: 'unit',
      subjectId: unit.id,
      details: { alias },
    });
    return { unit, alias };
  });
}

/** Defines (or redefines) which units a collective name such as 各镇政府（街道办事处） covers. */
export async function setCollective(
  ctx: AppContext,
  input: { workspaceId: number; actorId: string; name: string; memberNames: string[] },
): Promise<{ name: string; members: Unit[] }> {
  const name = validName(input.name, '统称');
  if (input.memberNames.length === 0) throw new UserError('empty_collective', '请至少列出一个成员单位,用顿号“、”或逗号分隔。');
  return ctx.store.transaction(async (tx) => {
    const asUnit = await tx.units.findByNameOrAlias(input.workspaceId, name);
    if (asUnit) throw new UserError('collective_is_unit', `“${name}”是一个具体单位,不能再定义为统称。`);
    const members: Unit[] = [];
    for (const memberName of input.memberNames) {
      const unit = await requireUnit(tx, input.workspaceId, memberName);
      if (!members.some((m) => m.id === unit.id)) members.push(unit);
    }
    const collective = await tx.units.setCollectiveMembers(
      input.workspaceId,
      name,
      members.map((m) => m.id),
    );
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'collective.set',
      subjectType: 'collective',
      subjectId: collective.id,
      details: { name, members: members.map((m) => m.name) },
    });
    return { name, members };
  });
}

export { requireUnit };
