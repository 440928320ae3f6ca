import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { compose } from '../../compose.js';
import { rankQuarter, rankYear, type RankingReport } from '../../app/ranking/index.js';
import { formatPoints, unitCategoryLabels } from '../../domain/ranking/index.js';
import { UserError } from '../../errors.js';
import { buildRankingWorkbook, renderRankingChart } from '../../exports/index.js';
import { createLogger } from '../../logger.js';
import type { CliCommand, CliIo } from '../cli-command.js';
import { withStorage } from '../with-storage.js';
import { workspaceOrComplain } from '../workspace-argument.js';

const usageText =
  '用法：duban ranking --workspace 工作区编号或服务器ID --year 年度 [--quarter 季度] [--category department|township] [--xlsx 文件] [--png 文件] [--json] [--save]';

const argsSchema = z.object({
  workspace: z.string({ message: '请用 --workspace 指明工作区编号或服务器 ID' }).min(1, { message: '请用 --workspace 指明工作区编号或服务器 ID' }),
  year: z
    .string({ message: '请用 --year 指明年度' })
    .regex(/^\d{4}$/, { message: '--year 应为四位数字年份' })
    .transform(Number),
  quarter: z
    .string()
    .regex(/^[1-4]$/, { message: '--quarter 应为 1、2、3 或 4' })
    .transform((value) => Number(value) as 1 | 2 | 3 | 4)
    .optional(),
  category: z.enum(['department', 'township'], { message: '--category 应为 department（部门）或 township（镇街）' }).optional(),
  xlsx: z.string().min(1).optional(),
  png: z.string().min(1).optional(),
  json: z.boolean().optional(),
  save: z.boolean().optional(),
});

/** Writes an output file; a path that cannot be written is the person's to fix, not a crash. */
export async function writeOutputFile(file: string, content: Buffer): Promise<void> {
  try {
    await writeFile(file, content);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '所在目录不存在' : '没有写入权限或路径无效';
    throw new UserError('output_not_writable', `无法写入文件“${file}”：${reason}。`);
  }
}

/** The ranking as people read it in a terminal: category by category, then who was not ranked. */
function printRanking(io: CliIo, report: RankingReport): void {
  const due = report.dueDate ? `，报送截止${report.dueDate}` : `，计入${report.quartersCounted.map((q) => `第${q}季度`).join('、')}`;
  io.stdout(`${report.title}（${report.workspaceName}${due}，${report.rulesAreDefault ? '默认评分规则' : '本工作区评分规则'}）`);
  for (const category of ['department', 'township', 'other'] as const) {
    const entries = report.ranking[category];
    if (entries.length === 0) continue;
    io.stdout(`\n${unitCategoryLabels[category]}`);
    for (const entry of entries) {
      const rank = `${entry.tied ? '并列' : ''}${entry.rank}`.padStart(5, ' ');
      io.stdout(`${rank}  ${entry.name}  ${formatPoints(entry.score)}分  未报送${entry.missing}项  已完成${entry.done}项`);
    }
  }
  if (report.ranking.unranked.length > 0) {
    io.stdout(`\n不参加排名：${report.ranking.unranked.map((unit) => `${unit.name}（${unit.reason}）`).join('；')}`);
  }
  if (report.totals.ranked === 0) io.stdout('\n本期没有可排名的单位：没有单位承担需要报送的任务。');
}

export const rankingCommand: CliCommand = {
  name: 'ranking',
  summary: 'Rank units for a quarter (or the year) with each score explained; optionally write .xlsx and .png',
  usage: 'duban ranking --workspace ID --year YYYY [--quarter Q] [--category department|township] [--xlsx FILE] [--png FILE] [--json] [--save]',
  async run(argv, io) {
    const { values } = parseArgs({
      args: argv,
      options: {
        workspace: { type: 'string' },
        year: { type: 'string' },
        quarter: { type: 'string' },
        category: { type: 'string' },
        xlsx: { type: 'string' },
        png: { type: 'string' },
        json: { type: 'boolean' },
        save: { type: 'boolean' },
      },
    });
    const parsed = argsSchema.safeParse(values);
    if (!parsed.success) {
      io.stderr(`${parsed.error.issues[0]?.message ?? '参数有误'}。\n${usageText}`);
      return 2;
    }
    const args = parsed.data;
    return withStorage(async (storage, config) => {
      const workspace = await workspaceOrComplain(storage.db, args.workspace, io);
      if (!workspace) return 2;
      const { app } = await compose({ db: storage.db, logger: createLogger('silent'), timeZone: config.timeZone });
      const request = {
        workspaceId: workspace.id,
        year: args.year,
        category: args.category ?? null,
        save: args.save ? { actorId: 'cli' } : null,
        withReportText: args.xlsx !== undefined,
      };
      try {
        const report = args.quarter === undefined ? await rankYear(app, request) : await rankQuarter(app, { ...request, quarter: args.quarter });
        if (args.xlsx) await writeOutputFile(args.xlsx, await buildRankingWorkbook(report));
        if (args.png) await writeOutputFile(args.png, await renderRankingChart(report.ranking, { title: report.title }));
        if (args.json) {
          // Exactly one JSON object on stdout, so scripts can pipe it.
          io.stdout(JSON.stringify({ ...report, files: { xlsx: args.xlsx ?? null, png: args.png ?? null } }));
          return 0;
        }
        printRanking(io, report);
        if (args.xlsx) io.stdout(`\n已写入 Excel 表格：${args.xlsx}`);
        if (args.png) io.stdout(`${args.xlsx ? '' : '\n'}已写入排名图：${args.png}`);
        if (report.snapshotId !== null) io.stdout(`已保存排名快照（编号 ${report.snapshotId}）。`);
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
