import { expect } from 'vitest';
import { normalizeChars, splitLines } from '../../../src/domain/notice/normalize.js';
import type { ParsedNotice } from '../../../src/domain/notice/index.js';

/** One expected task: section number, label as written, lead unit(s) (null: none stated), supporting units in order. */
export type ExpectedTask = [section: number | null, label: string, lead: string | string[] | null, supporting: string[]];

export function expectTasks(notice: ParsedNotice, expected: readonly ExpectedTask[]): void {
  const actual = notice.tasks.map((task) => [task.section, task.label, task.leads, task.supporting]);
  const wanted = expected.map(([section, label, lead, supporting]) => [section, label, lead === null ? [] : Array.isArray(lead) ? lead : [lead], supporting]);
  expect(actual).toEqual(wanted);
  for (const task of notice.tasks) expect(task.lead).toBe(task.leads[0] ?? null);
}

/**
 * The promise of the parser: every input line is accounted to the header, a section, a task or a diagnostic that
 * exists; only blank lines may be blank.
 */
export function expectEveryLineAccounted(input: string, notice: ParsedNotice): void {
  const lines = splitLines(input);
  expect(notice.lineAccounting).toHaveLength(lines.length);
  notice.lineAccounting.forEach((account, i) => {
    expect(account.line).toBe(i + 1);
    const text = lines[i] ?? '';
    switch (account.kind) {
      case 'blank':
        // Blank once invisible characters (zero-width spaces, BOMs) are removed.
        expect(normalizeChars(text).trim()).toBe('');
        break;
      case 'header':
        break;
      case 'section':
        expect(notice.sections[account.ref ?? -1]).toBeDefined();
        break;
      case 'task':
        expect(notice.tasks[account.ref ?? -1]).toBeDefined();
        break;
      case 'diagnostic':
        expect(notice.diagnostics[account.ref ?? -1]).toBeDefined();
        break;
    }
  });
}

/** Diagnostics as "line severity: message" for readable expectations. */
export function describeDiagnostics(notice: ParsedNotice): string[] {
  return notice.diagnostics.map((diagnostic) => `${diagnostic.line} ${diagnostic.severity}: ${diagnostic.message}`);
}
