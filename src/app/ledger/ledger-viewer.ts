import { commandRef } from '../../command-names.js';
import { UserError } from '../../errors.js';
import type { GuildMembers, Repositories, Workspace } from '../../ports.js';
import { requireMember, resolveAccess, type Access } from '../access.js';

/** What a ledger link (and the session it becomes) says: who, in which server, since when. */
export interface LedgerSession {
  readonly guildId: string;
  readonly userId: string;
  readonly issuedAt: Date;
}

/** The person reading the ledger, with their access as the commands would resolve it now. */
export interface LedgerViewer {
  readonly workspace: Workspace;
  readonly access: Access;
  readonly displayName: string;
}

const again = `请在 Discord 中重新发送 ${commandRef('ledger open')} 获取新的链接。`;

/** Why a link or session does not open the ledger; each code has its HTTP status in the web adapter. */
export const ledgerRefusals = {
  ledger_revoked: `这个台账链接已被撤销(你执行过 ${commandRef('ledger revoke')})。${again}`,
  ledger_no_workspace: `这个台账链接所属的服务器没有督办工作区。${again}`,
  ledger_not_member: `你已不是这个服务器的成员,无法查看其督办台账。`,
} as const;

/**
 * The viewer of a session, checked on every request: the workspace of the link's server, the link not
 * revoked since it was issued, and the person's roles and unit bindings read now (a role removed in
 * Discord counts at once) and resolved by the same rules as every command (resolveAccess, requireMember).
 */
export async function resolveLedgerViewer(store: Repositories, members: GuildMembers, session: LedgerSession): Promise<LedgerViewer> {
  const workspace = await store.workspaces.findByGuild(session.guildId);
  if (!workspace) throw new UserError('ledger_no_workspace', ledgerRefusals.ledger_no_workspace);
  const revokedBefore = await store.ledgerAccess.revokedBefore(workspace.id, session.userId);
  if (revokedBefore && session.issuedAt.getTime() < revokedBefore.getTime()) throw new UserError('ledger_revoked', ledgerRefusals.ledger_revoked);
  const member = await members.readMember(session.guildId, session.userId);
  if (!member) throw new UserError('ledger_not_member', ledgerRefusals.ledger_not_member);
  const access = await resolveAccess(store, workspace, { userId: session.userId, roleIds: member.roleIds, isAdmin: member.isAdmin });
  requireMember(access);
  return { workspace, access, displayName: member.displayName };
}
