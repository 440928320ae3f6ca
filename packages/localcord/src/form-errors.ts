import type { z } from 'zod';
import { discordErrors, type DiscordError } from './errors.js';

export interface FormErrorLeaf {
  code: string;
  message: string;
}

/** Discord's nested error object: `{ embeds: { 0: { title: { _errors: [...] } } } }`. */
export interface FormErrorTree {
  _errors?: FormErrorLeaf[];
  [key: string]: FormErrorTree | FormErrorLeaf[] | undefined;
}

export type FormPath = readonly (string | number)[];

/** Collects field errors and turns them into one 50035 Invalid Form Body, as Discord does. */
export class FormErrors {
  private readonly tree: FormErrorTree = {};
  private count = 0;

  add(path: FormPath, code: string, message: string): void {
    let node = this.tree;
    for (const segment of path) {
      const key = String(segment);
      const child = node[key];
      if (child === undefined || Array.isArray(child)) {
        const created: FormErrorTree = {};
        node[key] = created;
        node = created;
      } else {
        node = child;
      }
    }
    (node._errors ??= []).push({ code, message });
    this.count += 1;
  }

  maxLength(path: FormPath, max: number): void {
    this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }

  minLength(path: FormPath, min: number): void {
    this.add(path, 'BASE_TYPE_MIN_LENGTH', `Must be ${min} or more in length.`);
  }

  required(path: FormPath): void {
    this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
  }

  addZodIssues(issues: readonly z.core.$ZodIssue[], prefix: FormPath = []): void {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))];
      const { code, message } = describeIssue(issue);
      this.add(path, code, message);
    }
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  /** Throws the collected errors, if any. */
  throwIfAny(): void {
    if (!this.isEmpty) throw this.toError();
  }

  toError(): DiscordError {
    return discordErrors.invalidFormBody(this.tree);
  }
}

/** Runs a zod schema and answers like Discord when the body does not fit it. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, prefix: FormPath = []): T {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return result.data;
  const errors = new FormErrors();
  errors.addZodIssues(result.error.issues, prefix);
  throw errors.toError();
}

function describeIssue(issue: z.core.$ZodIssue): FormErrorLeaf {
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${String(issue.maximum)} or fewer in length.` }
        : { code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${String(issue.maximum)}.` };
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? { code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${String(issue.minimum)} or more in length.` }
        : { code: 'NUMBER_TYPE_MIN', message: `int value should be greater than or equal to ${String(issue.minimum)}.` };
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }
        : { code: `${issue.expected.toUpperCase()}_TYPE_CONVERT`, message: `Could not interpret "${String(issue.input)}" as ${issue.expected}.` };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'BASE_TYPE_CHOICES', message: `Value must be one of ${describeChoices(issue)}.` };
    case 'custom': {
      const discordCode: unknown = issue.params?.['discordCode'];
      return { code: typeof discordCode === 'string' ? discordCode : 'INVALID', message: issue.message };
    }
    default:
      return { code: 'INVALID', message: issue.message };
  }
}

function describeChoices(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `(${issue.values.map((value) => String(value)).join(', ')})`;
  return 'the allowed types';
}
