import { canonicalUnitName } from './unit-name.js';

/*
 * People write unit names short: 区经信局 for 区经济和信息化局, 区府办 for 区政府办公室. A notice that
 * uses both forms would create two units; these rules find such pairs so the coordinator can merge them.
 * Only suggestions: the coordinator decides.
 */

/** Common short forms of the middle of a unit name, and what they stand for. */
const SHORT_FORMS: readonly (readonly [short: string, full: string])[] = [
  ['府办', '政府办公室'],
  ['政府办', '政府办公室'],
  ['委办', '委办公室'],
  ['经信', '经济和信息化'],
  ['工信', '工业和信息化'],
  ['科工信', '科技工业和信息化'],
  ['发改', '发展和改革'],
  ['人社', '人力资源和社会保障'],
  ['住建', '住房和城乡建设'],
  ['城建', '城乡建设'],
  ['市场监管', '市场监督管理'],
  ['自然资源', '自然资源和规划'],
  ['资规', '自然资源和规划'],
  ['国土', '国土资源'],
  ['环保', '环境保护'],
  ['生态环境', '生态环境保护'],
  ['卫健', '卫生健康'],
  ['卫计', '卫生和计划生育'],
  ['文旅', '文化和旅游'],
  ['文广旅体', '文化广电旅游体育'],
  ['文广新', '文化广电新闻出版'],
  ['应急', '应急管理'],
  ['医保', '医疗保障'],
  ['农农', '农业农村'],
  ['退役军人', '退役军人事务'],
  ['城管', '城市管理'],
  ['城管执法', '城市管理综合执法'],
  ['综合执法', '综合行政执法'],
  ['交运', '交通运输'],
  ['教体', '教育和体育'],
  ['民宗', '民族宗教事务'],
  ['政数', '政务服务数据管理'],
  ['数据', '政务服务和数据管理'],
  ['人防', '人民防空'],
  ['编办', '机构编制委员会办公室'],
  ['政法委', '政法委员会'],
  ['纪委', '纪律检查委员会'],
  ['残联', '残疾人联合会'],
  ['妇联', '妇女联合会'],
  ['工商联', '工商业联合会'],
  ['科协', '科学技术协会'],
  ['法院', '人民法院'],
  ['检察院', '人民检察院'],
  ['林业', '林业和园林'],
  ['水利', '水利和水产'],
];

/** Endings that are short forms of longer endings: 区府办 → …办公室, 区编委 → …委员会. */
const SHORT_ENDINGS: readonly (readonly [short: string, full: string])[] = [
  ['办', '办公室'],
  ['委', '委员会'],
  ['镇', '镇人民政府'],
  ['乡', '乡人民政府'],
  ['镇', '镇政府'],
  ['街道', '街道办事处'],
  ['街道', '街道办'],
];

/** A region written before the unit (区, 县, 清河区, 湛江市坡头区): kept out of the comparison, but it must match. */
const REGION = /^(?:[\u4e00-\u9fa5]{0,8}?(?:自治县|自治州|区|县|市|旗|州))?/u;
const ENDING = /(?:管理委员会|委员会|办公室|办事处|管委会|人民政府|服务中心|管理局|分局|中心|政府|局|委|办|院|所|处|队|会|部|站|镇|乡|街道)$/u;

// 和 and 与 come and go in the same name: 发展和改革局, 发展改革局.
const loose = (text: string) => text.replace(/[和与及]/g, '');

function split(name: string): { region: string; core: string; ending: string } {
  const region = REGION.exec(name)?.[0] ?? '';
  const rest = name.slice(region.length);
  const ending = ENDING.exec(rest)?.[0] ?? '';
  return { region, core: rest.slice(0, rest.length - ending.length), ending };
}

/** 经信 in 经济和信息化: every character of the short form, in order, in the long one. */
function inOrder(short: string, full: string): boolean {
  let at = 0;
  for (const ch of short) {
    at = full.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** The names a short name can stand for by the table: every way of expanding one short form and the ending. */
function expansions(short: string): Set<string> {
  const found = new Set<string>([loose(short)]);
  for (const [from, to] of SHORT_FORMS) {
    let at = short.indexOf(from);
    while (at >= 0) {
      found.add(loose(short.slice(0, at) + to + short.slice(at + from.length)));
      at = short.indexOf(from, at + 1);
    }
  }
  for (const name of [...found]) {
    for (const [from, to] of SHORT_ENDINGS) if (name.endsWith(from)) found.add(loose(name.slice(0, name.length - from.length) + to));
  }
  return found;
}

export type AbbreviationRule = 'table' | 'in-order';

/**
 * Whether `short` is a short form of `full`: by the table of common short forms (区经信局 → 区经济和信息化局,
 * 区府办 → 区政府办公室, 城关镇 → 城关镇人民政府), or by the general rule — the same region in front, the
 * same kind of ending, and the short middle's characters (at least two) in order in the long middle with the
 * same first character (区住建局 ↔ 区住房和城乡建设局). Null when neither holds.
 */
export function abbreviationRule(short: string, full: string): AbbreviationRule | null {
  const a = canonicalUnitName(short);
  const b = canonicalUnitName(full);
  if (a === b || a.length >= b.length) return null;
  if (expansions(a).has(loose(b))) return 'table';
  const s = split(a);
  const f = split(b);
  if (s.region !== f.region || s.core.length < 2 || s.core.length >= f.core.length) return null;
  const sameEnding = s.ending === f.ending || SHORT_ENDINGS.some(([x, y]) => s.ending === x && f.ending === y);
  if (!sameEnding || s.core[0] !== f.core[0]) return null;
  return inOrder(s.core, f.core) ? 'in-order' : null;
}

export interface AbbreviationPair {
  /** The short form: merge it into the full name, whose alias it becomes. */
  readonly short: string;
  readonly full: string;
  readonly rule: AbbreviationRule;
}

/**
 * Pairs of names in the directory that are likely one unit written short and in full: table matches
 * first, the shortest short forms next, then by the full name. A name is offered in one pair only.
 */
export function suggestAbbreviationPairs(names: readonly string[]): AbbreviationPair[] {
  const unique = [...new Set(names.map(canonicalUnitName))];
  const pairs: AbbreviationPair[] = [];
  for (const short of unique) {
    for (const full of unique) {
      const rule = abbreviationRule(short, full);
      if (rule) pairs.push({ short, full, rule });
    }
  }
  pairs.sort(
    (x, y) =>
      Number(x.rule === 'in-order') - Number(y.rule === 'in-order') ||
      y.full.length - y.short.length - (x.full.length - x.short.length) ||
      x.full.localeCompare(y.full, 'zh-CN') ||
      x.short.localeCompare(y.short, 'zh-CN'),
  );
  const used = new Set<string>();
  return pairs.filter((pair) => {
    if (used.has(pair.short) || used.has(pair.full)) return false;
    used.add(pair.short);
    used.add(pair.full);
    return true;
  });
}

/**
 * For one name (a unit a notice names, say): the names among `known` that are its short or full form,
 * table matches first. What the import preview calls for each new name against the directory.
 */
export function abbreviationPartners(name: string, known: readonly string[]): string[] {
  const matches = known
    .map((other) => ({ other, rule: abbreviationRule(name, other) ?? abbreviationRule(other, name) }))
    .filter((m): m is { other: string; rule: AbbreviationRule } => m.rule !== null);
  return [...new Set(matches.sort((x, y) => Number(x.rule === 'in-order') - Number(y.rule === 'in-order')).map((m) => m.other))];
}
