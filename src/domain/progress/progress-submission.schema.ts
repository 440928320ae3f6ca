import { z } from 'zod';
import { hasVisibleText } from '../visible-text.js';
import { progressStatusSchema } from './progress-status.js';

export const maxProgressTextLength = 4000;

/** What a liaison submits for one task in one period, from the modal, a command or a split reply. */
export const progressSubmissionSchema = z
  .object({
    status: progressStatusSchema,
    text: z
      .string({ message: '请填写进展情况' })
      .trim()
      .min(1, { message: '请填写进展情况' })
      .max(maxProgressTextLength, { message: `进展情况不能超过${maxProgressTextLength}字` })
      .refine(hasVisibleText, { message: '请填写进展情况' }),
    percent: z
      .number({ message: '完成百分比应为0到100之间的整数' })
      .int({ message: '完成百分比应为0到100之间的整数' })
      .min(0, { message: '完成百分比应为0到100之间的整数' })
      .max(100, { message: '完成百分比应为0到100之间的整数' })
      .optional(),
  })
  .superRefine((submission, ctx) => {
    if (submission.percent === undefined) return;
    if (submission.status === 'done' && submission.percent !== 100) {
      ctx.addIssue({ code: 'custom', path: ['percent'], message: '状态为“已完成”时，完成百分比应为100或不填' });
    }
    if (submission.status === 'not_started' && submission.percent !== 0) {
      ctx.addIssue({ code: 'custom', path: ['percent'], message: '状态为“未启动”时，完成百分比应为0或不填' });
    }
  });

export type ProgressSubmission = z.infer<typeof progressSubmissionSchema>;
export type ProgressSubmissionInput = z.input<typeof progressSubmissionSchema>;

/** Reads the modal's percentage field: '' → undefined, '65' or '65%' → 65; anything else stays as text for zod to reject. */
export function readPercentField(raw: string): number | string | undefined {
  // NFKC: Chinese input methods often type full-width digits ("５０％").
  const value = raw.normalize('NFKC').trim().replace(/%$/, '');
  if (value === '') return undefined;
  return /^\d{1,3}$/.test(value) ? Number(value) : raw;
}
