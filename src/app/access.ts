import { commandRef } from '../command-names.js';
import { UserError } from '../errors.js';
import type { Repositories, Unit, Workspace } from '../ports.js';

/** Who is acting, as Discord tells it; checked on the server for every command, button and modal. */
export interface Actor {
  userId: string;
  roleIds: readonly string[];
  /** Manage Server or Administrator permission in the guild. */
  isAdmin: boolean;
}

export interface Access {
  actor: Actor;
  isAdmin: boolean;
  isCoordinator: boolean;
  isLeader: boolean;
  /** Units this person is a liaison of. */
  units: Unit[];
}

export async function resolveAccess(store: Repositories, workspace: Workspace, actor: Actor): Promise<Access> {
  return accessWith(workspace, actor, await store.units.findUnitsForMember(workspace.id, actor.userId, actor.roleIds));
}

/**
 * A guild's workspace and the actor's access to it, read side by side: every interaction in a guild
 * starts with these two reads, and the second need not wait for the first.
 */
export async function resolveGuildAccess(
  store: Repositories,
  guild: { id: string; name: string },
  actor: Actor,
): Promise<{ workspace: Workspace; access: Access }> {
  const [workspace, units] = await Promise.all([
    store.workspaces.ensure(guild.id, guild.name),
    store.units.findUnitsForMemberInGuild(guild.id, actor.userId, actor.roleIds),
  ]);
  return { workspace, access: accessWith(workspace, actor, units) };
}

function accessWith(workspace: Workspace, actor: Actor, units: Unit[]): Access {
  const hasRole = (roleId: string | null) => roleId !== null && actor.roleIds.includes(roleId);
  return {
    actor,
    isAdmin: actor.isAdmin,
    // Administrators may act as coordinators, so a server can be set up before roles exist.
    isCoordinator: actor.isAdmin || hasRole(workspace.coordinator_role_id),
    isLeader: hasRole(workspace.leader_role_id),
    units,
  };
}

export function requireAdmin(access: Access): void {
  if (!access.isAdmin) throw new UserError('forbidden_admin', '只有服务器管理员(拥有“管理服务器”权限)可以进行此项设置。');
}

export function requireCoordinator(access: Access): void {
  if (!access.isCoordinator) {
    throw new UserError(
      'forbidden_coordinator',
      `此操作仅限督办人(牵头督办的协调员)使用。如需权限,请联系服务器管理员用 ${commandRef('setup')} 设置督办人身份组。`,
    );
  }
}

/** Coordinators and leaders read everything; liaisons read their own units' work. */
export function requireMember(access: Access): void {
  if (!access.isCoordinator && !access.isLeader && access.units.length === 0) {
    throw new UserError(
      'forbidden_member',
      `你还不是本服务器督办工作的成员:督办人、领导或已绑定单位的联络员才能查看任务。请联系督办人用 ${commandRef('unit bind')} 绑定你所在的单位。`,
    );
  }
}

export function canSeeAllUnits(access: Access): boolean {
  return access.isCoordinator || access.isLeader;
}

/** The views of the whole workspace, for coordinators and leaders; what a liaison is told instead. */
const overviewRefusals = {
  status: `报送情况仅限督办人和领导查看。联络员可用 ${commandRef('tasks')} 查看本单位任务。`,
  ranking: `考核排名仅限督办人和领导查看。联络员可用 ${commandRef('tasks')} 查看本单位任务和报送情况。`,
  reminders: '提醒计划仅限督办人和领导查看。',
  report: '年度报告草稿仅限督办人和领导生成。',
  summary: '只有领导或督办人可以订阅领导汇总的私信推送。',
} as const;

/** A view of the whole workspace (/status, /ranking, /reminders, /report, the leaders' summaries): coordinators and leaders only. */
export function requireOverview(access: Access, view: keyof typeof overviewRefusals): void {
  if (!canSeeAllUnits(access)) throw new UserError(`forbidden_${view}`, overviewRefusals[view]);
}
