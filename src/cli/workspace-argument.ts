import type { DbOrTx } from '../db/database.js';
import { findWorkspaceByGuild, findWorkspaceById, type Workspace } from '../db/repositories/workspace.repository.js';
import type { CliIo } from './cli-command.js';

export const isGuildId = (value: string) => /^\d{15,21}$/.test(value);

/** --workspace takes the workspace's number or its Discord guild id. */
export async function findWorkspaceArgument(db: DbOrTx, value: string): Promise<Workspace | undefined> {
  if (isGuildId(value)) return findWorkspaceByGuild(db, value);
  if (/^\d{1,9}$/.test(value)) return findWorkspaceById(db, Number(value));
  return undefined;
}

/** The workspace --workspace names, or undefined after telling the person it does not exist. */
export async function workspaceOrComplain(db: DbOrTx, value: string, io: CliIo): Promise<Workspace | undefined> {
  const workspace = await findWorkspaceArgument(db, value);
  if (!workspace) io.stderr(`找不到工作区“${value}”。请填写工作区编号或服务器 ID。`);
  return workspace;
}
