import { commandRef } from '../../command-names.js';
import { UserError } from '../../errors.js';
import type { LiaisonPurpose, LiaisonTargetKind, Unit } from '../../ports.js';
import type { AppContext } from '../context.js';
import { requireUnit } from './unit-directory.js';

export interface BindingInput {
  workspaceId: number;
  actorId: string;
  unitName: string;
  targetKind: LiaisonTargetKind;
  targetId: string;
  purpose: LiaisonPurpose;
}

export async function bindUnitLiaison(ctx: AppContext, input: BindingInput): Promise<Unit> {
  return ctx.store.transaction(async (tx) => {
    const unit = await requireUnit(tx, input.workspaceId, input.unitName);
    await tx.units.bindLiaison({ ...input, unitId: unit.id, createdBy: input.actorId });
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'liaison.bind',
      subjectType: 'unit',
      subjectId: unit.id,
      details: { targetKind: input.targetKind, targetId: input.targetId, purpose: input.purpose },
    });
    return unit;
  });
}

export async function unbindUnitLiaison(ctx: AppContext, input: BindingInput): Promise<Unit> {
  return ctx.store.transaction(async (tx) => {
    const unit = await requireUnit(tx, input.workspaceId, input.unitName);
    const removed = await tx.units.unbindLiaison({ ...input, unitId: unit.id });
    if (!removed) throw new UserError('binding_not_found', `“${unit.name}”没有这项绑定,无需解除。可用 ${commandRef('unit list')} 查看各单位的联络员。`);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'liaison.unbind',
      subjectType: 'unit',
      subjectId: unit.id,
      details: { targetKind: input.targetKind, targetId: input.targetId, purpose: input.purpose },
    });
    return unit;
  });
}
