import { parseArgs } from 'node:util';
import { writeBackupFile } from '../../app/backup/backup-file.js';
import { exportWorkspace } from '../../db/backup/export-workspace.js';
import type { CliCommand } from '../cli-command.js';
import { withStorage } from '../with-storage.js';
import { workspaceOrComplain } from '../workspace-argument.js';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Write everything of a workspace (directory, notices, tasks, reports, files, schedules, audit log) to one JSON file',
  usage: 'duban export --workspace ID FILE',
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { workspace: { type: 'string' } } });
    const file = positionals[0];
    if (!file || !values.workspace || positionals.length > 1) {
      io.stderr('用法:duban export --workspace 工作区编号或服务器ID 文件');
      return 2;
    }
    return withStorage(async (storage) => {
      const workspace = await workspaceOrComplain(storage.db, values.workspace ?? '', io);
      if (!workspace) return 2;
      const document = await exportWorkspace(storage.db, workspace.id);
      const bytes = await writeBackupFile(file, document);
      const rows = Object.values(document.tables).reduce((sum, table) => sum + table.length, 0);
      io.stdout(
        `已导出工作区 ${workspace.id}(${workspace.name},服务器 ${workspace.guild_id}):${Object.keys(document.tables).length} 张表、${rows} 行,${bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`} → ${file}`,
      );
      return 0;
    });
  },
};
