import { z } from 'zod';

/*
 * Every custom id the bot puts on a button, menu or form: "<command>:<action>:<arg>:<arg>…", one codec
 * per command. Renderers encode with it, the command's handlers get the arguments decoded and checked
 * by zod (src/discord/command-kit.ts). Discord allows 100 characters; encoding refuses longer.
 */

export interface ComponentCodec<C extends Record<string, z.ZodType>> {
  readonly command: string;
  /** The custom id of an action with its arguments. */
  encode<A extends keyof C & string>(action: A, ...args: EncodeArgs<C[A]>): string;
  /** The action and its parsed arguments, or null for an id that is not this command's or does not parse. */
  decode(customId: string): Decoded<C> | null;
}

/** One action of a codec with its arguments as zod parsed them. */
export type Decoded<C extends Record<string, z.ZodType>> = { [A in keyof C & string]: { action: A; args: z.output<C[A]> } }[keyof C & string];

type EncodeArgs<S> =
  S extends z.ZodType<infer Out>
    ? Out extends readonly unknown[]
      ? { [K in keyof Out]: Out[K] extends number ? number : Out[K] extends string ? string : Out[K] }
      : never
    : never;

export function codec<const C extends Record<string, z.ZodType>>(command: string, actions: C): ComponentCodec<C> {
  return {
    command,
    encode(action, ...args) {
      const id = [command, action, ...(args as unknown[]).map(String)].join(':');
      if (id.length > 100) throw new Error(`custom id too long: ${id}`);
      return id;
    },
    decode(customId) {
      const [name, action = '', ...args] = customId.split(':');
      if (name !== command || !Object.hasOwn(actions, action)) return null;
      const parsed = (actions[action] as z.ZodType).safeParse(args);
      return parsed.success ? ({ action, args: parsed.data } as Decoded<C>) : null;
    },
  };
}

const id = z.coerce.number().int().positive();
const count = z.coerce.number().int().min(0).max(100_000);
const draftId = z.string().regex(/^[\w-]{1,64}$/);
const seq = z.coerce.number().int().min(1).max(100_000);
const snowflakeOrZero = z.string().regex(/^\d{1,20}$/);
const none = z.tuple([]);

export const taskIds = codec('task', {
  close: z.tuple([seq]),
  'send-back': z.tuple([seq]),
  extend: z.tuple([seq]),
  grade: z.tuple([seq]),
  'close-submit': z.tuple([seq]),
  'send-back-submit': z.tuple([seq]),
  'extend-submit': z.tuple([seq]),
  'grade-submit': z.tuple([seq]),
  evidence: z.tuple([seq]),
});

export const taskStatusFilters = ['-', 'open', 'closed', 'unreported', 'not_started', 'in_progress', 'done', 'blocked'] as const;

export const tasksIds = codec('tasks', {
  /** page, unit id (0: all), section no (0: all), status ('-': any). */
  page: z.tuple([count, count, count, z.enum(taskStatusFilters)]),
});

export const auditIds = codec('audit', {
  /** page, limit, actor user id ('0': everyone). */
  page: z.tuple([count, z.coerce.number().int().min(1).max(1000), snowflakeOrZero]),
});

export const unitIds = codec('unit', {
  page: z.tuple([count]),
  /** 确认合并: the unit merged away, the unit kept. */
  merge: z.tuple([id, id]),
  'merge-cancel': none,
});

export const rankingIds = codec('ranking', {
  /** year, quarter (0: the year). */
  detail: z.tuple([z.coerce.number().int().min(2000).max(2100), z.coerce.number().int().min(0).max(4)]),
});

export const remindersIds = codec('reminders', { retry: z.tuple([z.string().regex(/^[rn]\d{1,10}$/)]) });

export const statusIds = codec('status', {
  nudge: z.tuple([id, id]),
  'close-period': z.tuple([id]),
  'close-confirm': z.tuple([id]),
});

/** An import preview's draft revision: every correction bumps it, and a control of an older preview is refused. */
const revision = z.coerce.number().int().min(0).max(100_000);
const taskIndex = z.coerce.number().int().min(0).max(10_000);

export const noticeIds = codec('notice', {
  paste: none,
  /** page, draft, revision. */
  page: z.tuple([count, draftId, revision]),
  alias: z.tuple([draftId, revision]),
  confirm: z.tuple([draftId, revision]),
  /** Cancelling drops the draft whatever its revision. */
  cancel: z.tuple([draftId]),
  /** The 编辑 menu (its value: the task's index in the draft), then its form. */
  edit: z.tuple([draftId, revision]),
  'edit-submit': z.tuple([draftId, revision, taskIndex]),
  /** The 删除 menu (its values: task indexes). */
  drop: z.tuple([draftId, revision]),
  /** 新增任务, then its form. */
  add: z.tuple([draftId, revision]),
  'add-submit': z.tuple([draftId, revision]),
});

export const progressIds = codec('progress', {
  /** A reminder's 填报进展: its delivery id. */
  start: z.tuple([id]),
  /** task, unit, period. */
  task: z.tuple([id, id, id]),
  /** task, period (the unit is picked in the menu). */
  unit: z.tuple([id, id]),
  submit: z.tuple([id, id, id]),
  'reply-confirm': z.tuple([draftId]),
  'reply-cancel': z.tuple([draftId]),
  'reply-review': z.tuple([draftId]),
});
