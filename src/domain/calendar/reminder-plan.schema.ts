import { z } from 'zod';
import { defaultTimeZone, isClockTime, isTimeZone } from './zoned-time.js';

/**
 * A local time of day, 'HH:MM', as a person types it. NFKC: Chinese input methods often type
 * full-width digits and colons ("０９：００").
 */
export function clockTimeSchema(message: string) {
  return z
    .string()
    .overwrite((v) => v.normalize('NFKC').trim())
    .refine(isClockTime, { message });
}

export const reminderStages = ['before5', 'before1', 'due', 'after1', 'after3'] as const;
export type ReminderStage = (typeof reminderStages)[number];

/** liaison: the unit's 联络员; escalation: the coordinators' channel and the unit's leader if bound. */
export const reminderAudiences = ['liaison', 'escalation'] as const;
export type ReminderAudience = (typeof reminderAudiences)[number];

export const reminderStageLabels: Readonly<Record<ReminderStage, string>> = {
  before5: '截止前5个工作日',
  before1: '截止前1个工作日',
  due: '截止当日',
  after1: '逾期1个工作日',
  after3: '逾期3个工作日',
};

const stageSchema = z.object({
  stage: z.enum(reminderStages),
  /** Workdays from the due date: negative before, 0 the due date itself, positive after. */
  offsetWorkdays: z.number().int().min(-30).max(30),
  audience: z.enum(reminderAudiences),
});

export type ReminderStagePlan = z.infer<typeof stageSchema>;

export const defaultReminderStages: readonly ReminderStagePlan[] = [
  { stage: 'before5', offsetWorkdays: -5, audience: 'liaison' },
  { stage: 'before1', offsetWorkdays: -1, audience: 'liaison' },
  { stage: 'due', offsetWorkdays: 0, audience: 'liaison' },
  { stage: 'after1', offsetWorkdays: 1, audience: 'liaison' },
  { stage: 'after3', offsetWorkdays: 3, audience: 'escalation' },
];

/** A workspace's reminder plan, edited with /reminders. `reminderPlanSchema.parse({})` is the default. */
export const reminderPlanSchema = z.object({
  stages: z
    .array(stageSchema)
    .default(() => defaultReminderStages.map((stage) => ({ ...stage })))
    .refine((stages) => new Set(stages.map((s) => s.stage)).size === stages.length, {
      message: '同一提醒阶段只能设置一次',
    }),
  time: clockTimeSchema('提醒时间格式应为 HH:MM，例如 09:00').default('09:00'),
  timeZone: z.string().trim().refine(isTimeZone, { message: '无法识别的时区，例如 Asia/Shanghai' }).default(defaultTimeZone),
});

export type ReminderPlan = z.infer<typeof reminderPlanSchema>;

export const defaultReminderPlan: ReminderPlan = reminderPlanSchema.parse({});
