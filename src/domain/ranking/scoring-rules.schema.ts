import { z } from 'zod';
import { hasVisibleText } from '../visible-text.js';

/** A coordinator's optional grade of one report: 优 / 良 / 中 / 差. */
export const reportRatings = ['excellent', 'good', 'fair', 'poor'] as const;
export type ReportRating = (typeof reportRatings)[number];
export const reportRatingSchema = z.enum(reportRatings, { message: '评价应为 优、良、中 或 差' });

export const reportRatingLabels: Readonly<Record<ReportRating, string>> = {
  excellent: '优',
  good: '良',
  fair: '中',
  poor: '差',
};

const points = (fallback: number) => z.number().min(0).max(1000).default(fallback);

const yearlySchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('average') }),
  z.object({ method: z.literal('sum') }),
  z.object({
    method: z.literal('weighted'),
    /** Quarter 1 to 4; only their ratios matter. */
    weights: z
      .tuple([z.number().min(0), z.number().min(0), z.number().min(0), z.number().min(0)])
      .refine((weights) => weights.some((w) => w > 0), { message: '季度权重不能全为0' }),
  }),
]);

export type YearlyRule = z.infer<typeof yearlySchema>;

/**
 * How a quarter is scored. The defaults follow the usual shape of 法治政府建设 assessments: every unit
 * starts at 100, loses points for reports missing, late or perfunctory, gains points for work finished
 * on time and for progress, with lead tasks counting fully and supporting tasks half. Every per-task
 * item (deductions too) is multiplied by the role weight: a supporting unit answers for less.
 * `scoringRulesSchema.parse({})` gives the default rule set.
 */
export const scoringRulesSchema = z.object({
  base: points(100),
  deductions: z
    .object({
      missingReport: points(10),
      lateReport: points(3),
      perfunctoryReport: points(5),
    })
    .prefault({}),
  credits: z
    .object({
      /** A task reported 已完成 by its due date (the period's due date when the task has none). */
      doneOnTime: points(2),
      /** An open task at 100%; scaled by its percentage (also: done, but after its due date). */
      progress: points(1),
      /** Share of the progress credit for 推进中 without a percentage. */
      progressWithoutPercent: z.number().min(0).max(1).default(0.5),
    })
    .prefault({}),
  roleWeights: z
    .object({
      lead: z.number().min(0).max(10).default(1),
      support: z.number().min(0).max(10).default(0.5),
    })
    .prefault({}),
  ratingPoints: z
    .object({
      excellent: z.number().min(-100).max(100).default(2),
      good: z.number().min(-100).max(100).default(1),
      fair: z.number().min(-100).max(100).default(0),
      poor: z.number().min(-100).max(100).default(-2),
    })
    .prefault({}),
  /** Bonus points per unit per quarter, all reasons together. */
  bonusCap: points(5),
  yearly: yearlySchema.default({ method: 'average' }),
});

export type ScoringRules = z.infer<typeof scoringRulesSchema>;
export type ScoringRulesInput = z.input<typeof scoringRulesSchema>;

export const defaultScoringRules: ScoringRules = scoringRulesSchema.parse({});

/** A bonus a coordinator awards: a positive number of points and the reason, which units will read. */
export const scoringBonusSchema = z.object({
  unitId: z.number().int().positive(),
  points: z
    .number({ message: '加分应为正数' })
    .positive({ message: '加分应为正数' })
    .max(100, { message: '单次加分不能超过100分' })
    .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, {
      message: '加分最多保留两位小数',
    }),
  reason: z
    .string()
    .trim()
    .min(1, { message: '请写明加分理由' })
    .max(500, { message: '加分理由不能超过500字' })
    .refine(hasVisibleText, { message: '请写明加分理由' }),
});
