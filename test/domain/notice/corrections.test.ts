import { describe, expect, it } from 'vitest';
import { settleCorrections } from '../../../src/domain/notice/index.js';

const reading = (
  overrides: Partial<{
    title: string;
    lead: string | null;
    supporting: string[];
    deadline: string | null;
    dueDate: string | null;
    section: number | null;
  }> = {},
) => ({
  title: '开展行政执法案卷评查',
  lead: null,
  supporting: [],
  deadline: null,
  dueDate: null,
  section: 2,
  ...overrides,
});

describe('settleCorrections', () => {
  it('keeps a correction where the revision left the field as it was', () => {
    expect(settleCorrections(['lead', 'title'], reading(), reading({ supporting: ['城关镇'] }))).toEqual({ kept: ['lead', 'title'], replaced: [] });
  });

  it('replaces a correction where the revision changed the field', () => {
    expect(settleCorrections(['lead', 'supporting'], reading(), reading({ lead: '区司法局', supporting: ['城关镇'] }))).toEqual({
      kept: [],
      replaced: ['lead', 'supporting'],
    });
    expect(
      settleCorrections(['deadline'], reading({ deadline: '6月底前', dueDate: '2026-06-30' }), reading({ deadline: '9月底前', dueDate: '2026-09-30' })),
    ).toEqual({
      kept: [],
      replaced: ['deadline'],
    });
  });

  it('ignores the mark of a task added by hand', () => {
    expect(settleCorrections(['added'], reading(), reading())).toEqual({ kept: [], replaced: [] });
  });
});
