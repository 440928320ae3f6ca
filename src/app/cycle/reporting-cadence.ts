import { z } from 'zod';
import { buildReportingPeriods, localDateSchema, type ReportingPeriod } from '../../domain/calendar/index.js';

/**
 * How a workspace divides its year into reporting periods, as stored on the workspace (the year is
 * supplied when the periods are built). Quarterly with the 25th of the last month is the default.
 */
export const storedCadenceSchema = z.object({
  cadence: z.enum(['quarterly', 'monthly', 'custom']).default('quarterly'),
  dueDay: z.number().int().min(1).max(31).default(25),
  custom: z
    .array(
      z.object({
        key: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,40}$/)
          .optional(),
        label: z.string().trim().min(1).max(60),
        start: localDateSchema,
        end: localDateSchema,
        dueDate: localDateSchema,
      }),
    )
    .optional(),
});

export type StoredCadence = z.infer<typeof storedCadenceSchema>;

export const defaultCadence: StoredCadence = storedCadenceSchema.parse({});

/** The stored cadence, or the default when none is stored or what is stored no longer parses. */
export function readCadence(stored: unknown): StoredCadence {
  const parsed = storedCadenceSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : defaultCadence;
}

/** The periods of a year under a cadence; custom periods outside the year are left out. */
export function periodsForYear(cadence: StoredCadence, year: number): ReportingPeriod[] {
  if (cadence.cadence === 'custom') {
    const custom = (cadence.custom ?? []).filter((p) => p.dueDate.startsWith(`${year}-`));
    if (custom.length === 0) return buildReportingPeriods({ year, cadence: 'quarterly', dueDay: cadence.dueDay });
    return buildReportingPeriods({ year, cadence: 'custom', dueDay: cadence.dueDay, custom });
  }
  return buildReportingPeriods({ year, cadence: cadence.cadence, dueDay: cadence.dueDay });
}
