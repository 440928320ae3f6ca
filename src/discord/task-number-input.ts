import { z } from 'zod';
import { UserError } from '../errors.js';

/**
 * A task's number as typed in /task or /progress (autocomplete fills it in, but people type too).
 * NFKC: Chinese input methods often type full-width digits ("１２").
 */
export const taskNumberSchema = z
  .string()
  .overwrite((v) => v.normalize('NFKC').trim())
  .regex(/^\d{1,5}$/, '任务编号应为数字,如 12。请从联想列表中选择任务。')
  .transform(Number);

/** A task number as typed, or a Chinese refusal saying what to type. */
export function readTaskNumber(typed: string): number {
  const parsed = taskNumberSchema.safeParse(typed);
  if (!parsed.success) throw new UserError('invalid_task_number', parsed.error.issues[0]?.message ?? '任务编号不正确。');
  return parsed.data;
}
