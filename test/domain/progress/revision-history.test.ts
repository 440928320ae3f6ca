import { describe, expect, it } from 'vitest';
import { decideEdit, findLatestRevision, nextRevisionNumber, type ProgressRevision } from '../../../src/domain/progress/index.js';

const revision = (n: number, at: string, text = `v${n}`): ProgressRevision => ({
  revision: n,
  status: 'in_progress',
  text,
  percent: null,
  submittedAt: new Date(at),
  submittedBy: 'u1',
  late: false,
});

describe('revision history', () => {
  it('takes the highest revision as the current report', () => {
    const history = [revision(1, '2026-03-20T01:00:00Z'), revision(3, '2026-03-22T01:00:00Z'), revision(2, '2026-03-21T01:00:00Z')];
    expect(findLatestRevision(history)?.revision).toBe(3);
    expect(findLatestRevision([])).toBeUndefined();
  });

  it('numbers the next revision after the highest one', () => {
    expect(nextRevisionNumber([])).toBe(1);
    expect(nextRevisionNumber([revision(1, '2026-03-20T01:00:00Z'), revision(2, '2026-03-21T01:00:00Z')])).toBe(3);
  });

  it('allows edits until the coordinator closes the period', () => {
    expect(decideEdit({ closed: false })).toEqual({ allowed: true });
    expect(decideEdit({ closed: true, label: '2026年第一季度' })).toEqual({
      allowed: false,
      code: 'period_closed',
      message: '“2026年第一季度”报送周期已由督办人关闭，进展不能再修改；如需更正，请联系督办人。',
    });
  });
});
