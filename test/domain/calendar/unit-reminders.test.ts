import { describe, expect, it } from 'vitest';
import { buildUnitReminders, type UnitTaskRef } from '../../../src/domain/calendar/index.js';

const task = (taskId: string, role: 'lead' | 'support'): UnitTaskRef => ({ taskId, label: taskId, role });

describe('buildUnitReminders', () => {
  it('sends one reminder per unit listing every unreported task, lead tasks first', () => {
    const reminders = buildUnitReminders({
      tasksByUnit: new Map([
        ['justice', [task('t1', 'support'), task('t2', 'lead'), task('t3', 'lead')]],
        ['town-a', [task('t1', 'lead')]],
      ]),
      reportedTaskIdsByUnit: new Map([['justice', ['t3']]]),
    });
    expect(reminders).toEqual([
      { unitId: 'justice', pendingTasks: [task('t2', 'lead'), task('t1', 'support')] },
      { unitId: 'town-a', pendingTasks: [task('t1', 'lead')] },
    ]);
  });

  it('gives nothing to a unit that has reported everything', () => {
    const reminders = buildUnitReminders({
      tasksByUnit: new Map([['justice', [task('t1', 'lead'), task('t2', 'support')]]]),
      reportedTaskIdsByUnit: new Map([['justice', new Set(['t1', 't2'])]]),
    });
    expect(reminders).toEqual([]);
  });

  it('lists a task once when it appears twice for the same unit', () => {
    const reminders = buildUnitReminders({
      tasksByUnit: new Map([['justice', [task('t1', 'support'), task('t1', 'lead')]]]),
      reportedTaskIdsByUnit: new Map(),
    });
    expect(reminders[0]?.pendingTasks).toEqual([task('t1', 'lead')]);
  });
});
