import { describe, expect, it } from 'vitest';
import { readAssignment } from '../../../src/domain/notice/assignment.js';
import { normalizeChars } from '../../../src/domain/notice/normalize.js';
import { isCollectiveUnit, looksLikeUnit, readUnitList, resolveRoles } from '../../../src/domain/notice/units.js';

function assign(own: string, fields: string[] = []) {
  const assignment = readAssignment(normalizeChars(own), fields.map(normalizeChars));
  return assignment && { leads: assignment.leads, supporting: assignment.supporting, deadline: assignment.deadline };
}

describe('readUnitList', () => {
  it('keeps nested parentheses inside one unit name', () => {
    expect(readUnitList('区编办、各镇政府（街道办事处、社区）负责').units.map((unit) => unit.name)).toEqual(['区编办', '各镇政府（街道办事处、社区）']);
  });

  it('drops the "列第一位者为牵头单位，下同" note and remembers it was stated', () => {
    const reading = readUnitList('区编办、区政府各部门负责。列第一位者为牵头单位，下同');
    expect(reading.units.map((unit) => unit.name)).toEqual(['区编办', '区政府各部门']);
    expect(reading.firstLeadsNote).toBe(true);
  });

  it('splits on 、 ， ； and spaces between unit names, but mends a name broken by a space', () => {
    expect(readUnitList('区发改局，区财政局；区审计局负责').units.map((unit) => unit.name)).toEqual(['区发改局', '区财政局', '区审计局']);
    expect(readUnitList('区发改局 区财政局负责').units.map((unit) => unit.name)).toEqual(['区发改局', '区财政局']);
    expect(readUnitList('区 发改局、区财 政局负责').units.map((unit) => unit.name)).toEqual(['区发改局', '区财政局']);
  });

  it('reads a deadline clause inside the list', () => {
    const reading = readUnitList('区法制办负责，2017年底前完成');
    expect(reading.units.map((unit) => unit.name)).toEqual(['区法制办']);
    expect(reading.deadline).toBe('2017年底前');
  });

  it('merges "各区、县级市" into one collective name', () => {
    expect(readUnitList('市司法局、各区、县级市负责').units.map((unit) => unit.name)).toEqual(['市司法局', '各区、县级市']);
  });
});

describe('resolveRoles', () => {
  it('takes the first unit marked 牵头 as the one lead, and the other units marked 牵头 as its first supporting units', () => {
    expect(resolveRoles(readUnitList('A局、B局牵头，C局、D局按职责分工负责').units)).toEqual({
      leads: ['A局'],
      supporting: ['B局', 'C局', 'D局'],
      noLeadStated: false,
    });
  });

  it('takes the first unit of a plain list as the lead, by convention', () => {
    expect(resolveRoles(readUnitList('A局、B局、C局负责').units)).toEqual({ leads: ['A局'], supporting: ['B局', 'C局'], noLeadStated: false });
  });

  it('invents no lead when every unit is "按职责分工负责"', () => {
    expect(resolveRoles(readUnitList('A局、B局、C局按职责分工负责').units)).toEqual({ leads: [], supporting: ['A局', 'B局', 'C局'], noLeadStated: true });
  });
});

describe('readAssignment', () => {
  it('reads the closing parenthesis, with half-width parentheses too', () => {
    expect(assign('推进某项工作。(区司法局、区法制办负责)')).toEqual({ leads: ['区司法局'], supporting: ['区法制办'], deadline: null });
  });

  it('skips parentheses that hold document numbers, periods or abbreviations', () => {
    expect(assign('落实《决定》（国发〔2016〕11号）。')).toBeNull();
    expect(assign('编制《实施方案（2016—2020年）》')).toBeNull();
    expect(assign('成立领导小组（以下简称区法治办）')).toBeNull();
  });

  it('reads field lines, full- and half-width colons alike', () => {
    expect(assign('推进某项工作。', ['牵头单位:区司法局', '配合单位：区发改局、区财政局', '完成时限：2017年底前'])).toEqual({
      leads: ['区司法局'],
      supporting: ['区发改局', '区财政局'],
      deadline: '2017年底前',
    });
  });

  it('reads 牵头责任单位 / 协同责任单位 and 主办 / 协办 labels', () => {
    expect(assign('某项工作。', ['牵头责任单位：区发改局', '协同责任单位：区财政局'])).toEqual({
      leads: ['区发改局'],
      supporting: ['区财政局'],
      deadline: null,
    });
    expect(assign('某项工作。（主办单位：镇党政办；协办单位：各村（社区））')).toEqual({ leads: ['镇党政办'], supporting: ['各村（社区）'], deadline: null });
  });

  it('reads "责任单位：X（牵头）、A、B" inline', () => {
    expect(assign('某项工作。责任单位：区发改局（牵头）、区财政局、区审计局')).toEqual({
      leads: ['区发改局'],
      supporting: ['区财政局', '区审计局'],
      deadline: null,
    });
  });

  it('reads a closing sentence "X牵头，A、B配合。"', () => {
    expect(assign('某项工作。区司法局牵头，区法制办、各镇街配合。')).toEqual({ leads: ['区司法局'], supporting: ['区法制办', '各镇街'], deadline: null });
  });

  it('does not take a sentence of ordinary text for units', () => {
    expect(assign('加强组织领导。各单位要高度重视，认真组织实施。')).toBeNull();
  });
});

describe('isCollectiveUnit', () => {
  it('marks names standing for many units', () => {
    for (const name of [
      '各镇政府（街道办事处）',
      '区政府各部门',
      '区直有关单位',
      '各区、县级市',
      '各乡镇',
      '各街道',
      '市各有关部门',
      '县直各行政执法单位',
      '区政府有关部门',
    ]) {
      expect(isCollectiveUnit(name), name).toBe(true);
    }
  });

  it('leaves single units alone', () => {
    for (const name of ['区司法局', '区委编办', '区政府办公室', '县人大常委会法工委', '区行政服务中心']) expect(isCollectiveUnit(name), name).toBe(false);
  });

  it('knows what a unit name looks like', () => {
    expect(looksLikeUnit('区融媒体中心')).toBe(true);
    expect(looksLikeUnit('加强督促检查')).toBe(false);
    expect(looksLikeUnit('2017年底前完成')).toBe(false);
  });
});

describe('looksLikeUnit on junk', () => {
  it('refuses code, markup and query operators even when they end like a unit', () => {
    for (const junk of ['{"$ne"：1}', '<b>区司法局</b>', '区司法局=1', 'null', 'undefined', '$where局', 'a_b局']) expect(looksLikeUnit(junk)).toBe(false);
    for (const name of ['区司法局', '区12345热线办', '各镇政府（街道办事处）']) expect(looksLikeUnit(name)).toBe(true);
  });
});
