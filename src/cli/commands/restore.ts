import { parseArgs } from 'node:util';
import { readBackupFile } from '../../app/backup/backup-file.js';
import { restoreIntoEmptyDatabase } from '../../db/backup/restore-into-empty-database.js';
import type { CliCommand } from '../cli-command.js';
import { withStorage } from '../with-storage.js';

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Load a file written by duban export into an empty database (ids kept; refuses a database with data)',
  usage: 'duban restore FILE',
  async run(argv, io) {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      io.stderr('用法:duban restore 文件');
      return 2;
    }
    const document = await readBackupFile(file);
    // Not migrated first: the restore brings the empty schema to the file's version itself.
    return withStorage(
      async (storage) => {
        const result = await restoreIntoEmptyDatabase(storage.db, document);
        const rows = Object.values(result.rows).reduce((sum, n) => sum + n, 0);
        io.stdout(`已恢复工作区 ${result.workspaceId}(${document.workspace.name},服务器 ${result.guildId}):${rows} 行,编号保持不变。`);
        if (result.migrated.length > 0) io.stdout(`已将数据库结构升级到当前版本(${result.migrated.length} 个迁移)。`);
        return 0;
      },
      { migrate: false },
    );
  },
};
