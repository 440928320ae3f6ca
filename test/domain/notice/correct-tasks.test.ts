import { describe, expect, it } from 'vitest';
import { addTask, correctTask, readDeadlineInput, readTaskPosition, type CorrectedTask } from '../../../src/domain/notice/index.js';

const task = (section: number | null, no: number, label: string): CorrectedTask => ({
  no,
  label,
  section,
  title: `任务${no}`,
  text: `任务${no}`,
  subheading: null,
  lead: '区司法局',
  leads: ['区司法局'],
  supporting: [],
  units: [{ name: '区司法局', role: 'lead', collective: false }],
  unitsText: '区司法局负责',
  deadline: '2017年底前',
  dueDate: '2017-12-31',
  targets: [],
  leaderPerson: null,
  line: no,
});

const fix = { title: '新标题', lead: '区发改局', supporting: ['区统计局', '区发改局', '区政府各部门'], deadline: '6月30日', dueDate: '2017-06-30' };

describe('correcting the tasks of an import preview', () => {
  it('sets the lead first and the supporting units after it, once each, and marks the task edited', () => {
    const corrected = correctTask(task(1, 1, '（一）'), fix);
    expect(corrected.correction).toBe('edited');
    expect(corrected.units).toEqual([
      { name: '区发改局', role: 'lead', collective: false },
      { name: '区统计局', role: 'support', collective: false },
      { name: '区政府各部门', role: 'support', collective: true },
    ]);
    expect([corrected.lead, corrected.supporting, corrected.dueDate]).toEqual(['区发改局', ['区统计局', '区政府各部门'], '2017-06-30']);
    expect(correctTask(task(1, 1, '（一）'), { ...fix, lead: null }).units.every((u) => u.role === 'support')).toBe(true);
  });

  it('adds a missed task in its place, numbered like its section', () => {
    const tasks = [task(1, 1, '（一）'), task(1, 3, '（三）'), task(2, 1, '1.')];
    const added = addTask(tasks, { section: 1, no: 2 }, fix);
    expect(added.map((t) => [t.section, t.label, t.correction ?? null])).toEqual([
      [1, '（一）', null],
      [1, '（二）', 'added'],
      [1, '（三）', null],
      [2, '1.', null],
    ]);
    expect(addTask(tasks, { section: 2, no: 5 }, fix).at(-1)?.label).toBe('5.');
  });

  it('reads a position as section and number, in the forms people write', () => {
    expect(readTaskPosition('三（七）', [1, 2, 3])).toEqual({ section: 3, no: 7 });
    expect(readTaskPosition('2-5', [1, 2])).toEqual({ section: 2, no: 5 });
    expect(readTaskPosition('2.5', [1, 2])).toEqual({ section: 2, no: 5 });
    expect(readTaskPosition('9-1', [1, 2])).toBeNull();
    expect(readTaskPosition('7', [])).toEqual({ section: null, no: 7 });
    expect(readTaskPosition('7', [1])).toBeNull();
  });

  it('reads a typed deadline as YYYY-MM-DD or M月D日 in the notice’s year, and refuses anything else', () => {
    expect(readDeadlineInput('2026-6-30', 2026)).toEqual({ phrase: '2026-6-30', dueDate: '2026-06-30' });
    expect(readDeadlineInput('6月30日', 2026)).toEqual({ phrase: '6月30日', dueDate: '2026-06-30' });
    expect(readDeadlineInput(' ', 2026)).toEqual({ phrase: null, dueDate: null });
    expect(readDeadlineInput('2月30日', 2026)).toBeNull();
    expect(readDeadlineInput('年底前', 2026)).toBeNull();
  });
});
