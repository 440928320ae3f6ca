import { describe, expect, it } from 'vitest';
import { canonicalUnitName, guessUnitCategory, looksCollective, resolveUnitNames, suggestAliases } from '../../../src/domain/units/index.js';

describe('canonicalUnitName', () => {
  it('removes whitespace and writes parentheses full width', () => {
    expect(canonicalUnitName(' 各镇政府(街道 办事处) ')).toBe('各镇政府（街道办事处）');
  });
});

describe('guessUnitCategory', () => {
  it('takes towns and streets as townships and bureaus as departments', () => {
    expect(guessUnitCategory('城关镇')).toBe('township');
    expect(guessUnitCategory('东城街道办事处')).toBe('township');
    expect(guessUnitCategory('红星乡人民政府')).toBe('township');
    expect(guessUnitCategory('区司法局')).toBe('department');
    expect(guessUnitCategory('区委编办')).toBe('department');
  });
});

describe('looksCollective', () => {
  it('recognises names that stand for many units', () => {
    for (const name of ['各镇政府（街道办事处）', '区政府各部门', '区直有关单位', '各区、县级市', '各乡镇', '区法治政府建设领导小组成员单位']) {
      expect(looksCollective(name), name).toBe(true);
    }
    expect(looksCollective('区司法局')).toBe(false);
  });
});

describe('suggestAliases', () => {
  it('suggests the renamed bureau for an old name', () => {
    expect(suggestAliases('区法制局', ['区司法局', '区教育局', '区财政局'])[0]).toBe('区司法局');
  });

  it('suggests the full name for a short form', () => {
    expect(suggestAliases('区发改局', ['区发展和改革局', '区民政局'])).toContain('区发展和改革局');
  });

  it('suggests nothing for an unrelated name', () => {
    expect(suggestAliases('区档案馆', ['区公安分局', '区民政局'])).toEqual([]);
  });
});

describe('resolveUnitNames', () => {
  it('sorts names into known units, aliases, collectives and new ones', () => {
    const resolved = resolveUnitNames(
      [
        { name: '区司法局', collective: false },
        { name: '区法制局', collective: false },
        { name: '各镇政府(街道办事处)', collective: true },
        { name: '区政府各部门', collective: true },
        { name: '城关镇', collective: false },
        { name: '区司法局', collective: false },
      ],
      { units: [{ id: 1, name: '区司法局' }], aliases: [{ unitId: 1, alias: '区法制局' }], collectives: [{ id: 5, name: '各镇政府（街道办事处）' }] },
    );
    expect(resolved).toEqual([
      { name: '区司法局', kind: 'unit', unitId: 1 },
      { name: '区法制局', kind: 'unit', unitId: 1 },
      { name: '各镇政府（街道办事处）', kind: 'collective', collectiveId: 5 },
      { name: '区政府各部门', kind: 'new_collective' },
      { name: '城关镇', kind: 'new_unit', category: 'township', suggestions: [] },
    ]);
  });
});
