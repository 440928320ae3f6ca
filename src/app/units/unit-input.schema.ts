import { z } from 'zod';
import { canonicalUnitName } from '../../domain/units/index.js';

/** A unit or collective name as a person types it: canonicalised, then checked. */
export const unitNameSchema = z
  .string()
  .transform(canonicalUnitName)
  .pipe(
    z
      .string()
      .min(2, '单位名称至少需要 2 个字。')
      .max(50, '单位名称不能超过 50 个字。')
      .regex(/^[\p{Script=Han}A-Za-z0-9（）·\-—、]+$/u, '单位名称只能包含汉字、字母、数字和括号,请去掉其他符号(如 @、链接或表情)。'),
  );

export const unitCategorySchema = z.enum(['department', 'township', 'other']);

/** Parses with a schema, turning the first problem into a UserError-ready Chinese message. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): { ok: true; value: T } | { ok: false; message: string } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: `${what}:${result.error.issues[0]?.message ?? '格式不正确。'}` };
}
