import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { LocalChannel, LocalGuild, LocalRole, LocalUser, Localcord } from 'localcord';

export type PersonaName = 'admin' | 'coordinator' | 'leader' | 'liaison' | 'outsider';

export interface Persona {
  name: PersonaName;
  /** How the sandbox introduces this person. */
  title: string;
  user: LocalUser;
}

export interface SandboxWorld {
  guild: LocalGuild;
  channels: { general: LocalChannel; summary: LocalChannel; unit: LocalChannel };
  roles: { coordinators: LocalRole; leaders: LocalRole; liaisons: LocalRole };
  people: Record<PersonaName, Persona>;
}

const MEMBER_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;

/**
 * A county's server as the sandbox and the end-to-end tests see it: an administrator, a coordinator
 * of the justice bureau, a leader, a unit liaison and someone with no part in the work.
 */
export function createSandboxWorld(lc: Localcord): SandboxWorld {
  const admin = lc.createUser({ username: 'admin', globalName: '管理员 王敏' });
  const guild = lc.createGuild({ name: '清河区人民政府', ownerId: admin.id, everyonePermissions: MEMBER_PERMISSIONS });
  const general = lc.createChannel(guild.id, { name: '督办工作' });
  const summary = lc.createChannel(guild.id, { name: '汇总与排名' });
  const unit = lc.createChannel(guild.id, { name: '城关镇' });
  const coordinators = lc.createRole(guild.id, { name: '督办人' });
  const leaders = lc.createRole(guild.id, { name: '领导' });
  const liaisons = lc.createRole(guild.id, { name: '联络员' });
  const coordinator = lc.createUser({ username: 'coordinator', globalName: '司法局 张华' });
  const leader = lc.createUser({ username: 'leader', globalName: '副区长 李强' });
  const liaison = lc.createUser({ username: 'liaison', globalName: '城关镇 赵敏' });
  const outsider = lc.createUser({ username: 'outsider', globalName: '访客 陈晨' });
  lc.addMember(guild.id, admin.id, { permissions: PermissionFlagsBits.Administrator });
  lc.addMember(guild.id, coordinator.id, { roles: [coordinators.id] });
  lc.addMember(guild.id, leader.id, { roles: [leaders.id] });
  lc.addMember(guild.id, liaison.id, { roles: [liaisons.id] });
  lc.addMember(guild.id, outsider.id);
  return {
    guild,
    channels: { general, summary, unit },
    roles: { coordinators, leaders, liaisons },
    people: {
      admin: { name: 'admin', title: '服务器管理员 王敏', user: admin },
      coordinator: { name: 'coordinator', title: '督办人(司法局)张华', user: coordinator },
      leader: { name: 'leader', title: '领导 李强', user: leader },
      liaison: { name: 'liaison', title: '城关镇联络员 赵敏', user: liaison },
      outsider: { name: 'outsider', title: '无关成员 陈晨', user: outsider },
    },
  };
}
