import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { LocalChannel, LocalGuild, LocalRole, LocalUser, Localcord } from 'localcord';

export type PersonaName = 'admin' | 'coordinator' | 'leader' | 'liaison' | 'outsider';

export interface Persona {
  name: PersonaName;
  /** How the sandbox introduces this person. */
  title: string;
  /** The name Discord's client shows for them (their global name). */
  displayName: string;
  /** What a person types for them with /as: 督办人, 联络员… */
  role: string;
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
      admin: { name: 'admin', title: '服务器管理员 王敏', displayName: '管理员 王敏', role: '管理员', user: admin },
      coordinator: { name: 'coordinator', title: '督办人(司法局)张华', displayName: '司法局 张华', role: '督办人', user: coordinator },
      leader: { name: 'leader', title: '领导 李强', displayName: '副区长 李强', role: '领导', user: leader },
      liaison: { name: 'liaison', title: '城关镇联络员 赵敏', displayName: '城关镇 赵敏', role: '联络员', user: liaison },
      outsider: { name: 'outsider', title: '无关成员 陈晨', displayName: '访客 陈晨', role: '访客', user: outsider },
    },
  };
}

/** The sandbox's people, channels and roles by id, for showing mentions as a client does. */
export interface WorldNames {
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
  roleName(id: string): string | undefined;
}

export function worldNames(world: SandboxWorld, bot: { id: string; name: string }): WorldNames {
  const people = Object.values(world.people);
  return {
    userName: (id) => (id === bot.id ? bot.name : people.find((p) => p.user.id === id)?.displayName),
    channelName: (id) => Object.values(world.channels).find((c) => c.id === id)?.name ?? undefined,
    roleName: (id) => Object.values(world.roles).find((r) => r.id === id)?.name,
  };
}

/** Finds the sandbox's people, channels and roles by what a person types: a name, a role word, a mention or an id. */
export function worldDirectory(world: SandboxWorld): {
  user(name: string): string | undefined;
  channel(name: string): string | undefined;
  role(name: string): string | undefined;
} {
  const people = Object.values(world.people);
  const channels = Object.values(world.channels);
  const roles = Object.values(world.roles);
  const strip = (text: string, marks: RegExp) => text.trim().replace(marks, '');
  return {
    user(name) {
      const key = strip(name, /^<@!?|>$|^@/g);
      const found = people.find(
        (p) =>
          p.user.id === key || p.user.username === key || p.role === key || p.displayName === key || p.displayName.split(' ').includes(key) || p.title === key,
      );
      return found?.user.id;
    },
    channel(name) {
      const key = strip(name, /^<#|>$|^#/g);
      return channels.find((c) => c.id === key || c.name === key)?.id;
    },
    role(name) {
      const key = strip(name, /^<@&|>$|^@/g);
      return roles.find((r) => r.id === key || r.name === key)?.id;
    },
  };
}
