import { parseArgs } from 'node:util';
import { z } from 'zod';
import { compose } from '../../compose.js';
import { draftAnnualReport } from '../../app/reports/annual-report.js';
import { UserError } from '../../errors.js';
import { buildAnnualReportDocx } from '../../exports/index.js';
import { createLogger } from '../../logger.js';
import type { CliCommand } from '../cli-command.js';
import { withStorage } from '../with-storage.js';
import { workspaceOrComplain } from '../workspace-argument.js';
import { writeOutputFile } from './ranking.js';

const usageText = '用法：duban report annual --workspace 工作区编号或服务器ID --year 年度 --docx 文件';

const argsSchema = z.object({
  kind: z.literal('annual', { message: '目前只支持年度报告：duban report annual …' }),
  workspace: z.string({ message: '请用 --workspace 指明工作区编号或服务器 ID' }).min(1),
  year: z
    .string({ message: '请用 --year 指明年度' })
    .regex(/^\d{4}$/, { message: '--year 应为四位数字年份' })
    .transform(Number),
  docx: z.string({ message: '请用 --docx 指明要写入的 Word 文件' }).min(1, { message: '请用 --docx 指明要写入的 Word 文件' }),
});

export const reportCommand: CliCommand = {
  name: 'report',
  summary: "Draft the year's 法治政府建设情况报告 from the units' progress reports, as a .docx to edit",
  usage: 'duban report annual --workspace ID --year YYYY --docx FILE',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { workspace: { type: 'string' }, year: { type: 'string' }, docx: { type: 'string' } },
    });
    const parsed = argsSchema.safeParse({ ...values, kind: positionals[0] });
    if (!parsed.success) {
      io.stderr(`${parsed.error.issues[0]?.message ?? '参数有误'}。\n${usageText}`);
      return 2;
    }
    const args = parsed.data;
    return withStorage(async (storage, config) => {
      const workspace = await workspaceOrComplain(storage.db, args.workspace, io);
      if (!workspace) return 2;
      const { app } = await compose({ db: storage.db, logger: createLogger('silent'), timeZone: config.timeZone });
      try {
        const draft = await draftAnnualReport(app, { workspaceId: workspace.id, year: args.year });
        await writeOutputFile(args.docx, await buildAnnualReportDocx(draft));
        const { tasks, done, problems, unfinished } = draft.totals;
        io.stdout(`已写入《${draft.title}》草稿：${args.docx}`);
        io.stdout(
          `共${draft.work.sections.length}个部分、${tasks}项任务（已完成${done}项，存在问题${problems}项，下一步工作${unfinished}项）。本稿为自动汇编的草稿，请人工核实、修改后使用。`,
        );
        return 0;
      } catch (error) {
        if (error instanceof UserError) {
          io.stderr(error.message);
          return 2;
        }
        throw error;
      }
    });
  },
};
