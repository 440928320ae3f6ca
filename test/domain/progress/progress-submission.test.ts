import { describe, expect, it } from 'vitest';
import { progressSubmissionSchema, readPercentField } from '../../../src/domain/progress/index.js';

describe('progressSubmissionSchema', () => {
  it('trims the text and keeps an optional whole percentage', () => {
    expect(progressSubmissionSchema.parse({ status: 'in_progress', text: '  已完成初稿  ', percent: 40 })).toEqual({
      status: 'in_progress',
      text: '已完成初稿',
      percent: 40,
    });
    expect(progressSubmissionSchema.parse({ status: 'blocked', text: '资金未到位' })).toEqual({
      status: 'blocked',
      text: '资金未到位',
    });
  });

  it('rejects empty text, text over 4000 characters and bad percentages with Chinese messages', () => {
    const empty = progressSubmissionSchema.safeParse({ status: 'done', text: '   ' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe('请填写进展情况');
    // Zero-width spaces and joiners, direction marks and a byte-order mark survive trim() but show nothing.
    const invisible = progressSubmissionSchema.safeParse({ status: 'done', text: ' \u200b\u200d\u202e\u2060\ufeff ' });
    expect(invisible.error?.issues[0]?.message).toBe('请填写进展情况');
    expect(progressSubmissionSchema.safeParse({ status: 'done', text: '字'.repeat(4001) }).success).toBe(false);
    expect(progressSubmissionSchema.safeParse({ status: 'done', text: '字'.repeat(4000) }).success).toBe(true);
    for (const percent of [-1, 101, 50.5]) {
      const result = progressSubmissionSchema.safeParse({ status: 'in_progress', text: 'x', percent });
      expect(result.error?.issues[0]?.message).toBe('完成百分比应为0到100之间的整数');
    }
  });

  it('rejects a percentage that contradicts 已完成 or 未启动', () => {
    expect(progressSubmissionSchema.safeParse({ status: 'done', text: 'x', percent: 80 }).success).toBe(false);
    expect(progressSubmissionSchema.safeParse({ status: 'done', text: 'x', percent: 100 }).success).toBe(true);
    expect(progressSubmissionSchema.safeParse({ status: 'not_started', text: 'x', percent: 10 }).success).toBe(false);
  });

  it('rejects an unknown status', () => {
    const result = progressSubmissionSchema.safeParse({ status: 'finished', text: 'x' });
    expect(result.error?.issues[0]?.message).toBe('状态应为 未启动、推进中、已完成 或 受阻');
  });
});

describe('readPercentField', () => {
  it('reads what a liaison types into the percentage box', () => {
    expect(readPercentField('')).toBeUndefined();
    expect(readPercentField(' 65% ')).toBe(65);
    expect(readPercentField('六十')).toBe('六十');
    expect(readPercentField('５０％')).toBe(50); // full width, as Chinese input methods type it
  });
});
