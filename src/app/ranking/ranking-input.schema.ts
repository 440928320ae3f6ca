import { z } from 'zod';
import { UserError } from '../../errors.js';

export const rankedCategories = ['department', 'township'] as const;
export type RankedCategory = (typeof rankedCategories)[number];

export const workspaceIdSchema = z.number({ message: '工作区编号应为正整数' }).int().positive({ message: '工作区编号应为正整数' });
export const yearSchema = z
  .number({ message: '年度应为四位数字' })
  .int({ message: '年度应为四位数字' })
  .min(2000, { message: '年度应在2000至2100之间' })
  .max(2100, { message: '年度应在2000至2100之间' });
export const quarterSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { message: '季度应为1、2、3或4' });
export const rankedCategorySchema = z.enum(rankedCategories, { message: '类别应为 department（部门）或 township（镇街）' });

export const rankQuarterInputSchema = z.object({
  workspaceId: workspaceIdSchema,
  year: yearSchema,
  quarter: quarterSchema,
  category: rankedCategorySchema.nullish(),
  /** Keep the result as a ranking_snapshots row, attributed to this actor. */
  save: z.object({ actorId: z.string().min(1) }).nullish(),
  /** Put each report's text (first 500 characters) in the task ledger, for the workbook; off by default as scoring never reads it. */
  withReportText: z.boolean().optional(),
});
export type RankQuarterInput = z.input<typeof rankQuarterInputSchema>;

export const rankYearInputSchema = rankQuarterInputSchema.omit({ quarter: true });
export type RankYearInput = z.input<typeof rankYearInputSchema>;

/** Parses a use-case's input; the first problem becomes a UserError the person can act on. */
export function parseUseCaseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // The schemas' messages name the field in Chinese; the path is the code's English name, not for people.
  throw new UserError('invalid_input', `输入有误：${result.error.issues[0]?.message ?? '格式不正确'}。`);
}
