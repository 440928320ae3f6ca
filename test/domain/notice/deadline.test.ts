import { describe, expect, it } from 'vitest';
import { findDeadlineInField, findDeadlineInText, normalizeDeadline } from '../../../src/domain/notice/deadline.js';

describe('normalizeDeadline', () => {
  const cases: Array<[string, string | null]> = [
    ['2017年底前', '2017-12-31'],
    ['2017年年底前', '2017-12-31'],
    ['年底前', '2018-12-31'],
    ['年内', '2018-12-31'],
    ['全年', '2018-12-31'],
    ['明年底前', '2019-12-31'],
    ['6月底前', '2018-06-30'],
    ['2019年6月30日前', '2019-06-30'],
    ['9月中旬', '2018-09-20'],
    ['10月上旬', '2018-10-10'],
    ['6月前', '2018-05-31'],
    ['二〇一七年十二月底前', '2017-12-31'],
    ['每年第一季度前', '2018-03-31'],
    ['一季度', '2018-03-31'],
    ['2018年第三季度', '2018-09-30'],
    ['上半年', '2018-06-30'],
    ['下半年', '2018-12-31'],
    ['2018年12月', '2018-12-31'],
    ['长期坚持', null],
    ['持续推进', null],
  ];
  for (const [phrase, date] of cases) {
    it(`reads "${phrase}" as ${date ?? 'no date'} in a 2018 notice`, () => {
      expect(normalizeDeadline(phrase, 2018)).toBe(date);
    });
  }

  it('gives no date for a phrase without a year when the notice has none', () => {
    expect(normalizeDeadline('6月底前', null)).toBeNull();
    expect(normalizeDeadline('2017年底前', null)).toBe('2017-12-31');
  });
});

describe('findDeadlineInText', () => {
  it('takes a date with a deadline word, not a mere mention of a date', () => {
    expect(findDeadlineInText('2017年6月召开动员会，2017年10月底前完成评估。')).toBe('2017年10月底前');
    expect(findDeadlineInText('年内完成清理工作。')).toBe('年内');
    expect(findDeadlineInText('力争3年内建成。')).toBeNull();
    expect(findDeadlineInText('2017年6月召开动员会。')).toBeNull();
  });
});

describe('findDeadlineInField', () => {
  it('reads open-ended phrases', () => {
    expect(findDeadlineInField('长期坚持')).toBe('长期坚持');
    expect(findDeadlineInField('持续推进。')).toBe('持续推进');
  });
});
