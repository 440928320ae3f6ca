import { describe, expect, it } from 'vitest';
import { abbreviationPartners, abbreviationRule, suggestAbbreviationPairs, suggestAliases } from '../../../src/domain/units/index.js';

describe('abbreviationRule', () => {
  it.each([
    ['区经信局', '区经济和信息化局'],
    ['区府办', '区政府办公室'],
    ['区政府办', '区政府办公室'],
    ['区发改局', '区发展和改革局'],
    ['区发改局', '区发展改革局'],
    ['区人社局', '区人力资源和社会保障局'],
    ['区住建局', '区住房和城乡建设局'],
    ['区市场监管局', '区市场监督管理局'],
    ['区自然资源局', '区自然资源和规划局'],
    ['区卫健局', '区卫生健康局'],
    ['区文旅局', '区文化和旅游局'],
    ['区应急局', '区应急管理局'],
    ['坡头区医保局', '坡头区医疗保障局'],
    ['城关镇', '城关镇人民政府'],
  ])('reads %s as a short form of %s by the table', (short, full) => {
    expect(abbreviationRule(short, full)).toBe('table');
  });

  it('reads a short middle whose characters come in order, with the same region and ending, by the general rule', () => {
    expect(abbreviationRule('区教体局', '区教育和体育局')).toBe('table');
    expect(abbreviationRule('区统战部', '区统一战线工作部')).toBe('in-order');
    expect(abbreviationRule('区农业局', '区农业农村局')).toBe('in-order');
  });

  it('does not pair units of different regions, endings or cores', () => {
    expect(abbreviationRule('区经信局', '县经济和信息化局')).toBeNull();
    expect(abbreviationRule('区司法局', '区审计局')).toBeNull();
    expect(abbreviationRule('区公安局', '区公安分局')).toBeNull();
    expect(abbreviationRule('区财政局', '区财政局')).toBeNull();
    expect(abbreviationRule('区经济和信息化局', '区经信局')).toBeNull();
    expect(abbreviationRule('区委', '区委宣传部')).toBeNull();
    expect(abbreviationRule('区民政局', '区人民政府')).toBeNull();
  });
});

describe('suggestAbbreviationPairs', () => {
  it('pairs each short name with its full form, and leaves the rest alone', () => {
    const pairs = suggestAbbreviationPairs(['区经济和信息化局', '区司法局', '区经信局', '区府办', '区政府办公室', '区财政局', '城关镇', '东城街道']);
    expect(pairs.map((p) => [p.short, p.full, p.rule])).toEqual([
      ['区经信局', '区经济和信息化局', 'table'],
      ['区府办', '区政府办公室', 'table'],
    ]);
  });

  it('offers each name in one pair only', () => {
    const pairs = suggestAbbreviationPairs(['区发改局', '区发展改革局', '区发展和改革局']);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.short).toBe('区发改局');
  });

  it('suggests nothing in a directory with no short forms', () => {
    expect(suggestAbbreviationPairs(['区司法局', '区财政局', '城关镇', '区审计局'])).toEqual([]);
  });
});

describe('abbreviationPartners', () => {
  it('finds the full form of a short name and the short form of a full name', () => {
    expect(abbreviationPartners('区经信局', ['区司法局', '区经济和信息化局'])).toEqual(['区经济和信息化局']);
    expect(abbreviationPartners('区政府办公室', ['区府办', '区财政局'])).toEqual(['区府办']);
    expect(abbreviationPartners('区档案馆', ['区司法局'])).toEqual([]);
  });

  it('puts the short or full form first among the alias suggestions', () => {
    expect(suggestAliases('区经信局', ['区经济开发区管委会', '区经济和信息化局', '区信访局'])[0]).toBe('区经济和信息化局');
  });
});
