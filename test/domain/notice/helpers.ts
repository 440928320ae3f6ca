import { expect } from 'vitest';
import { normalizeChars, splitLines } from '../../../src/domain/notice/normalize.js';
import { parseNotice, type ParsedNotice } from '../../../src/domain/notice/index.js';
import { readFixtureText } from '../../fixtures/make-fixtures.js';

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

/** One expected task with its number: section, label as written, number, lead (null: none), supporting units in order. */
export type ExpectedNumberedTask = [section: number | null, label: string, no: number, lead: string | null, supporting: string[]];

/** Every task's section, label, number, lead and supporting units; a task has at most one lead. */
export function expectNumberedTasks(notice: ParsedNotice, expected: readonly ExpectedNumberedTask[]): void {
  expect(notice.tasks.map((task) => [task.section, task.label, task.no, task.lead, task.supporting])).toEqual(expected);
  for (const task of notice.tasks) {
    expect(task.leads).toEqual(task.lead === null ? [] : [task.lead]);
    expect(task.units.map((unit) => [unit.name, unit.role])).toEqual([
      ...(task.lead === null ? [] : [[task.lead, 'lead']]),
      ...task.supporting.map((name) => [name, 'support']),
    ]);
  }
}

/** Parses a fixture of test/fixtures/notices, checking that every one of its lines is accounted for. */
export function parseFixture(name: string): ParsedNotice {
  const text = readFixtureText(name);
  const notice = parseNotice(text);
  expectEveryLineAccounted(text, notice);
  return notice;
}
