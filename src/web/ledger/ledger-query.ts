import { z } from 'zod';
import type { LedgerQuery } from '../../app/ledger/index.js';
import { taskStatusChoices } from '../../app/tasks/task-queries.js';

/** Each filter on its own: a bad value drops that filter (and is explained), never the page. */
const fieldSchemas = {
  period: z.string().regex(/^[\w.-]{1,40}$/),
  section: z.coerce.number().int().min(1).max(999),
  unit: z.coerce.number().int().min(1).max(2_147_483_647),
  category: z.enum(['department', 'township']),
  light: z.enum(['green', 'yellow', 'red']),
  status: z.enum(taskStatusChoices.map((c) => c.value) as [string, ...string[]]),
  q: z.string().trim().min(1).max(50),
} as const;

const fieldNames: Readonly<Record<keyof typeof fieldSchemas, string>> = {
  period: '报送周期',
  section: '部分',
  unit: '单位',
  category: '类别',
  light: '颜色',
  status: '状态',
  q: '搜索',
};

/** The overview's filters from a query string, with a Chinese note for each value that was ignored. */
export function parseLedgerQuery(params: URLSearchParams): { query: LedgerQuery; notices: string[] } {
  const query: Record<string, unknown> = {};
  const notices: string[] = [];
  for (const key of Object.keys(fieldSchemas) as (keyof typeof fieldSchemas)[]) {
    const raw = params.get(key);
    if (raw === null || raw.trim() === '') continue;
    const parsed = fieldSchemas[key].safeParse(raw);
    if (parsed.success) query[key] = parsed.data;
    else notices.push(`筛选条件“${fieldNames[key]}”的值无效,已忽略。`);
  }
  return { query: query as LedgerQuery, notices };
}

/** The ranking page's choices: a year, a quarter (none: the year), a category. */
export const rankingQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  quarter: z.coerce
    .number()
    .int()
    .min(1)
    .max(4)
    .transform((q) => q as 1 | 2 | 3 | 4)
    .optional()
    .catch(undefined),
  category: z.enum(['department', 'township']).catch('department').default('department'),
});
