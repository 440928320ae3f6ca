import { describe, expect, it } from 'vitest';
import { findSilentTaskWarnings, hasSilentTaskWarnings, type WarningDirectory } from '../../../src/domain/cycle/index.js';

const directory: WarningDirectory = {
  units: [
    { name: '区司法局', aliases: ['区法制局'], hasLiaison: true },
    { name: '区财政局', aliases: [], hasLiaison: false },
    { name: '城关镇', aliases: [], hasLiaison: false },
  ],
  collectives: [
    { name: '区政府各部门', members: [] },
    { name: '各镇政府（街道办事处）', members: ['城关镇'] },
  ],
};

describe('findSilentTaskWarnings', () => {
  it('warns about a lead that is a collective with no members, and only a lead', () => {
    const warnings = findSilentTaskWarnings(
      [
        { ref: '一（一）', title: 'a', units: [{ name: '区政府各部门', role: 'lead' }] },
        {
          ref: '一（二）',
          title: 'b',
          units: [
            { name: '区司法局', role: 'lead' },
            { name: '区政府各部门', role: 'support' },
          ],
        },
      ],
      directory,
    );
    expect(warnings.emptyCollectiveLeads).toEqual([{ task: '一（一）', collective: '区政府各部门' }]);
  });

  it('treats a collective name the directory does not have yet as one with no members', () => {
    const warnings = findSilentTaskWarnings([{ ref: '1.', title: 'a', units: [{ name: '区直有关单位', role: 'lead', collective: true }] }], directory);
    expect(warnings.emptyCollectiveLeads).toEqual([{ task: '1.', collective: '区直有关单位' }]);
  });

  it('names the units that would be reminded with no liaison bound, members of collectives and new names included', () => {
    const warnings = findSilentTaskWarnings(
      [
        {
          ref: '1.',
          title: 'a',
          units: [
            { name: '区法制局', role: 'lead' },
            { name: '区财政局', role: 'support' },
          ],
        },
        {
          ref: '2.',
          title: 'b',
          units: [
            { name: '各镇政府(街道办事处)', role: 'lead' },
            { name: '区财政局', role: 'support' },
          ],
        },
        { ref: '3.', title: 'c', units: [{ name: '区城管局', role: 'lead' }] },
      ],
      directory,
    );
    expect(warnings.unitsWithoutLiaison).toEqual([
      { unit: '区财政局', tasks: 2 },
      { unit: '城关镇', tasks: 1 },
      { unit: '区城管局', tasks: 1 },
    ]);
    expect(warnings.emptyCollectiveLeads).toEqual([]);
  });

  it('lists tasks with no lead, and finds nothing to warn about when every unit can be reached', () => {
    const noLead = findSilentTaskWarnings([{ ref: '1.', title: 'a', units: [] }], directory);
    expect(noLead.noLead).toEqual(['1.']);
    const fine = findSilentTaskWarnings([{ ref: '1.', title: 'a', units: [{ name: '区司法局', role: 'lead' }] }], directory);
    expect(hasSilentTaskWarnings(fine)).toBe(false);
  });

  it('warns about a deadline earlier than the notice was issued, only when the notice date is given', () => {
    const tasks = [
      { ref: '1.', title: 'a', units: [{ name: '区司法局', role: 'lead' as const }], deadline: '2026-01-31' },
      { ref: '2.', title: 'b', units: [{ name: '区司法局', role: 'lead' as const }], deadline: '2026-06-30' },
      { ref: '3.', title: 'c', units: [{ name: '区司法局', role: 'lead' as const }], deadline: null },
    ];
    const warnings = findSilentTaskWarnings(tasks, directory, '2026-02-20');
    expect(warnings.deadlinesBeforeIssue).toEqual([{ task: '1.', deadline: '2026-01-31', issuedOn: '2026-02-20' }]);
    expect(hasSilentTaskWarnings(warnings)).toBe(true);
    expect(findSilentTaskWarnings(tasks, directory).deadlinesBeforeIssue).toEqual([]);
  });
});
