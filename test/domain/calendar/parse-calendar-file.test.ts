import { describe, expect, it } from 'vitest';
import { parseCalendarFile, parseCalendarJson, parseCalendarText } from '../../../src/domain/calendar/index.js';

describe('parseCalendarJson', () => {
  it('reads the JSON form of a calendar file', () => {
    const result = parseCalendarJson(JSON.stringify({ year: 2027, holidays: ['2027-10-01', '2027-10-02'], makeUpWorkdays: ['2027-10-09'] }));
    expect(result).toEqual({
      ok: true,
      file: { year: 2027, holidays: ['2027-10-01', '2027-10-02'], makeUpWorkdays: ['2027-10-09'] },
    });
  });

  it('rejects a date that is both a holiday and a make-up workday', () => {
    const result = parseCalendarJson(JSON.stringify({ year: 2027, holidays: ['2027-10-09'], makeUpWorkdays: ['2027-10-09'] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join()).toContain('2027-10-09 不能既是节假日又是调休上班日');
  });

  it('rejects dates that do not exist and text that is not JSON', () => {
    expect(parseCalendarJson('{"year":2027,"holidays":["2027-02-30"]}').ok).toBe(false);
    expect(parseCalendarJson('not json')).toEqual({ ok: false, errors: ['文件不是有效的 JSON'] });
  });

  it('says in Chinese which field is wrong and how, never in zod’s English', () => {
    expect(parseCalendarJson('{"year":1900}')).toEqual({ ok: false, errors: ['年份：应为 2000 至 2100 之间的四位数字'] });
    expect(parseCalendarJson('{"year":"2027","holidays":"2027-10-01"}')).toEqual({
      ok: false,
      errors: ['年份：应为 2000 至 2100 之间的四位数字', '节假日：应为日期列表,如 ["2027-10-01"]'],
    });
    expect(parseCalendarJson('{"year":2027,"makeUpWorkdays":["2027-10-09","2027-02-30"]}')).toEqual({
      ok: false,
      errors: ['调休上班日第 2 项：日期格式应为 YYYY-MM-DD，且须为真实存在的日期'],
    });
    expect(parseCalendarJson('[]')).toEqual({ ok: false, errors: ['JSON 应为一个对象,如 {"year": 2027, "holidays": [...], "makeUpWorkdays": [...]}'] });
    expect(parseCalendarText('year,3000\n3000-10-01,放假')).toEqual({ ok: false, errors: ['年份：应为 2000 至 2100 之间的四位数字'] });
  });
});

describe('parseCalendarText', () => {
  it('reads lines like "2027-10-01,holiday" and takes the year from the dates', () => {
    const result = parseCalendarText('2027-10-01,holiday\n2027-10-02，假\n\n2027-10-09 workday\n');
    expect(result).toEqual({
      ok: true,
      file: { year: 2027, holidays: ['2027-10-01', '2027-10-02'], makeUpWorkdays: ['2027-10-09'] },
    });
  });

  it('expands a date range and honours an explicit year line', () => {
    const result = parseCalendarText('year,2028\n2027-12-31,补班\n2028-01-01 ~ 2028-01-03,放假');
    expect(result.ok && result.file.year).toBe(2028);
    expect(result.ok && result.file.holidays).toEqual(['2028-01-01', '2028-01-02', '2028-01-03']);
  });

  it('lists every bad line with its line number', () => {
    const result = parseCalendarText('2027-10-01,holiday\n2027-13-01,holiday\n2027-10-09,maybe');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(2);
      expect(result.errors[0]).toMatch(/^第2行/);
      expect(result.errors[1]).toMatch(/^第3行/);
    }
  });

  it('asks for a year when the file has no dates', () => {
    const result = parseCalendarText('# empty');
    expect(result.ok).toBe(false);
  });
});

describe('parseCalendarFile', () => {
  it('picks JSON or the line form by looking at the text', () => {
    expect(parseCalendarFile(' {"year":2027,"holidays":["2027-01-01"]}').ok).toBe(true);
    expect(parseCalendarFile('2027-01-01,holiday').ok).toBe(true);
  });
});
