import type { z } from 'zod';
import { calendarFileSchema, isTimeZone } from '../../domain/calendar/index.js';
import { looksLikeUnit } from '../../domain/notice/units.js';
import { progressSubmissionSchema } from '../../domain/progress/index.js';
import { scoringBonusSchema } from '../../domain/ranking/index.js';
import { unitCategorySchema, unitNameSchema } from '../units/unit-input.schema.js';
import type { BackupRow } from './backup-document.js';

/** A row that breaks a rule the commands enforce: the column to name and the commands' own message. */
export interface RuleProblem {
  column: string;
  message: string;
}

type RowRule = (row: BackupRow) => RuleProblem | null;

function firstIssue(result: z.ZodSafeParseResult<unknown>, columnOf: (path: PropertyKey[]) => string): RuleProblem | null {
  if (result.success) return null;
  const issue = result.error.issues[0];
  return { column: columnOf(issue?.path ?? []), message: issue?.message ?? '格式不正确' };
}

/**
 * A unit, alias or collective name enters the directory through two doors: typed by a coordinator
 * (/unit add, alias, collective: unitNameSchema) or read from a notice (the notice reader's shape of a
 * government body's name). A restored name must fit one of them, so a backup cannot carry in a name
 * neither would have let through (such as {"$ne":1}).
 */
function unitNameRule(column: string): RowRule {
  return (row) => {
    const value = row[column];
    if (value === undefined) return null;
    const typed = unitNameSchema.safeParse(value);
    if (typed.success || (typeof value === 'string' && looksLikeUnit(value))) return null;
    return firstIssue(typed, () => column);
  };
}

function progressRule(row: BackupRow): RuleProblem | null {
  const column: Record<string, string> = { status: 'status', text: 'body', percent: 'percent' };
  const submission = { status: row.status, text: row.body, percent: row.percent ?? undefined };
  return firstIssue(progressSubmissionSchema.safeParse(submission), (path) => column[String(path[0])] ?? 'status');
}

const bonusSchema = scoringBonusSchema.pick({ points: true, reason: true });

/**
 * The rules of the commands that write each table, for the values people typed and the bot later shows
 * or computes with. Settings kept as JSON (reminder plan, scoring rules, cadence, summary options) are
 * left out on purpose: the bot reads them through their schemas and falls back to the defaults when a
 * stored value does not fit, so a backup written before a rule changed still restores.
 */
export const restoreRules: Readonly<Record<string, readonly RowRule[]>> = {
  workspaces: [
    (row) =>
      row.time_zone === undefined || (typeof row.time_zone === 'string' && isTimeZone(row.time_zone))
        ? null
        : { column: 'time_zone', message: '无法识别的时区,例如 Asia/Shanghai' },
  ],
  units: [unitNameRule('name'), (row) => (row.category === undefined ? null : firstIssue(unitCategorySchema.safeParse(row.category), () => 'category'))],
  unit_aliases: [unitNameRule('alias')],
  collective_names: [unitNameRule('name')],
  progress_reports: [progressRule],
  progress_revisions: [progressRule],
  score_adjustments: [(row) => firstIssue(bonusSchema.safeParse({ points: Number(row.points), reason: row.reason }), (path) => String(path[0] ?? 'points'))],
  holiday_calendars: [
    (row) =>
      firstIssue(calendarFileSchema.safeParse({ year: row.year, holidays: row.holidays, makeUpWorkdays: row.make_up_workdays }), (path) =>
        path[0] === 'makeUpWorkdays' ? 'make_up_workdays' : String(path[0] ?? 'holidays'),
      ),
  ],
};

/** The first rule the row breaks, or null. */
export function ruleProblem(table: string, row: BackupRow): RuleProblem | null {
  for (const rule of restoreRules[table] ?? []) {
    const problem = rule(row);
    if (problem) return problem;
  }
  return null;
}
