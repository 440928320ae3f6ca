import { isCollectiveUnit } from '../notice/index.js';

/**
 * The one spelling of a unit name used for matching: no whitespace, full-width parentheses
 * (the notice parser writes names the same way), so "各镇政府(街道办事处)" matches "各镇政府（街道办事处）".
 */
export function canonicalUnitName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

export type UnitCategory = 'department' | 'township' | 'other';

export const unitCategoryLabels: Record<UnitCategory, string> = {
  department: '部门',
  township: '镇街',
  other: '其他',
};

const TOWNSHIP = /(?:镇|乡|街道|街道办事处|街道办|管委会|社区)(?:人民政府|政府)?$/;

/** 镇/乡/街道 are townships, everything else a department; the coordinator can change it. */
export function guessUnitCategory(name: string): UnitCategory {
  return TOWNSHIP.test(canonicalUnitName(name)) ? 'township' : 'department';
}

/** A name standing for many units (各镇政府（街道办事处）, 区政府各部门, 区直有关单位): the notice grammar's rule. */
export function looksCollective(name: string): boolean {
  return isCollectiveUnit(canonicalUnitName(name));
}
