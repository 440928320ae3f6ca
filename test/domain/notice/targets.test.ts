import { describe, expect, it } from 'vitest';
import { findTargets } from '../../../src/domain/notice/targets.js';

describe('findTargets', () => {
  it('finds percentages, minimum counts and limits as written', () => {
    expect(findTargets('满意度达到70%以上，每年培训不少于2次，经费增长不低于4%，5个工作日以内办结，实现100%覆盖。')).toEqual([
      '达到70%以上',
      '不少于2次',
      '不低于4%',
      '5个工作日以内',
      '100%',
    ]);
  });

  it('reads Chinese numerals and spaces left by extraction', () => {
    expect(findTargets('每季度开展宣传不少于两次，覆盖率 90 %以上')).toEqual(['不少于两次', '90%以上']);
  });

  it('finds nothing in text without numbers', () => {
    expect(findTargets('加强组织领导。')).toEqual([]);
  });
});
