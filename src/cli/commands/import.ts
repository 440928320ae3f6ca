import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compose } from '../../compose.js';
import { importNotice } from '../../app/notices/import-notice.js';
import { prepareNoticeImport } from '../../app/notices/prepare-notice-import.js';
import { ensureWorkspace } from '../../db/repositories/workspace.repository.js';
import { readNoticeFile } from '../../files/index.js';
import { createLogger } from '../../logger.js';
import type { CliCommand } from '../cli-command.js';
import { withStorage } from '../with-storage.js';
import { findWorkspaceArgument, isGuildId } from '../workspace-argument.js';

/** --workspace takes the workspace's number or its Discord guild id. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import a notice file into a workspace (units the directory lacks are created)',
  usage: 'duban import FILE --workspace ID [--year YYYY]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { workspace: { type: 'string' }, year: { type: 'string' } } });
    const file = positionals[0];
    if (!file || !values.workspace) {
      io.stderr('用法:duban import 文件 --workspace 工作区编号或服务器ID [--year 年度]');
      return 2;
    }
    if (values.year && !/^\d{4}$/.test(values.year)) {
      io.stderr(`年度“${values.year}”不是四位数字年份。`);
      return 2;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch {
      io.stderr(`无法读取文件:${file}`);
      return 2;
    }
    return withStorage(async (storage, config) => {
      const argument = values.workspace ?? '';
      // A guild id names the workspace even before the bot has seen that guild.
      const workspace =
        (await findWorkspaceArgument(storage.db, argument)) ?? (isGuildId(argument) ? await ensureWorkspace(storage.db, argument, argument) : undefined);
      if (!workspace) {
        io.stderr(`找不到工作区“${values.workspace}”。工作区在机器人第一次收到该服务器的命令时创建;请填写工作区编号或服务器 ID。`);
        return 2;
      }
      const { app } = await compose({ db: storage.db, logger: createLogger('silent'), timeZone: config.timeZone });
      const read = await readNoticeFile(bytes, path.basename(file));
      const prepared = await prepareNoticeImport(app, {
        workspaceId: workspace.id,
        actorId: 'cli',
        text: read.text,
        sourceKind: read.kind,
        sourceName: path.basename(file),
        year: values.year ? Number(values.year) : null,
      });
      const result = await importNotice(app, { workspaceId: workspace.id, actorId: 'cli', draftId: prepared.draftId });
      io.stdout(`已导入 ${result.year} 年工作要点(第 ${result.version} 版):${result.sectionCount} 个部分、${result.taskCount} 项任务。`);
      if (result.createdUnits.length) io.stdout(`新建单位:${result.createdUnits.join('、')}`);
      if (result.createdCollectives.length) io.stdout(`新建统称:${result.createdCollectives.join('、')}`);
      if (result.diff) {
        const d = result.diff;
        io.stdout(
          `与第 ${d.previousVersion} 版相比:新增 ${d.added.length}、删除 ${d.removed.length}、改写 ${d.reworded.length}、责任单位变化 ${d.unitsChanged.length}、未变 ${d.unchanged}。`,
        );
        for (const t of d.added) io.stdout(`  + ${t}`);
        for (const t of d.removed) io.stdout(`  - ${t}`);
        for (const t of d.reworded) io.stdout(`  ~ ${t}`);
        for (const t of d.unitsChanged) io.stdout(`  * ${t}`);
      }
      return 0;
    });
  },
};
