import { describe, expect, it } from 'vitest';
import { formatNumber, matchMarker } from '../../../src/domain/notice/numbering.js';
import { parseChineseNumeral, toChineseNumeral } from '../../../src/domain/text/chinese-numerals.js';

describe('parseChineseNumeral', () => {
  it('reads numerals up to and beyond 99', () => {
    const cases: Array<[string, number]> = [
      ['一', 1],
      ['十', 10],
      ['十一', 11],
      ['二十', 20],
      ['二十三', 23],
      ['九十九', 99],
      ['一百', 100],
      ['一百零一', 101],
      ['一百二十', 120],
      ['两', 2],
      ['二〇一七', 2017],
    ];
    for (const [text, value] of cases) expect(parseChineseNumeral(text), text).toBe(value);
  });

  it('round-trips every number from 1 to 199', () => {
    for (let no = 1; no < 200; no++) expect(parseChineseNumeral(toChineseNumeral(no))).toBe(no);
  });

  it('rejects what is not a numeral', () => {
    expect(parseChineseNumeral('十十')).toBeNull();
    expect(parseChineseNumeral('大')).toBeNull();
  });
});

describe('matchMarker', () => {
  it('recognises each numbering scheme', () => {
    expect(matchMarker('一、依法行政')).toMatchObject({ scheme: 'cn', no: 1, label: '一、', rest: '依法行政' });
    expect(matchMarker('（三十二）推进改革')).toMatchObject({ scheme: 'paren-cn', no: 32, label: '（三十二）' });
    expect(matchMarker('12.推进改革')).toMatchObject({ scheme: 'arabic', no: 12, label: '12.' });
    expect(matchMarker('3、推进改革')).toMatchObject({ scheme: 'arabic', no: 3, label: '3、' });
    expect(matchMarker('（4）推进改革')).toMatchObject({ scheme: 'paren-arabic', no: 4, label: '（4）' });
    expect(matchMarker('②推进改革')).toMatchObject({ scheme: 'circled', no: 2 });
    expect(matchMarker('第二部分 主要任务')).toMatchObject({ scheme: 'part', no: 2, rest: '主要任务' });
  });

  it('does not read words, years or decimals as numbers', () => {
    expect(matchMarker('十大工程建设')).toBeNull();
    expect(matchMarker('2017年是关键之年')).toBeNull();
    expect(matchMarker('1.5亿元资金')).toBeNull();
    expect(matchMarker('（2016—2020年）')).toBeNull();
  });

  it('writes numbers back in their scheme', () => {
    expect(formatNumber('paren-cn', 14)).toBe('（十四）');
    expect(formatNumber('cn', 3)).toBe('三、');
    expect(formatNumber('arabic', 9)).toBe('9.');
  });
});
