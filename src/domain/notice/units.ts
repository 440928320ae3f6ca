import { compactSpaces } from './normalize.js';
import { isDeadlineClause, findDeadlineInField } from './deadline.js';

/**
 * Unit lists: "区编办、区政府各部门、各镇政府（街道办事处）负责", "A、B牵头，C、D按职责分工负责",
 * "区发改局（牵头）、区财政局". Only the list grammar lives here; which list belongs to a task is decided by the caller.
 */

/** How a unit was named in a list, before the notice's conventions decide lead and support. */
export type ListedRole = 'lead' | 'support' | 'listed' | 'shared';

export interface ListedUnit {
  name: string;
  role: ListedRole;
  /** The name holds U+FFFD (bytes the decoder could not read): it keeps its place in the list, never becomes a unit. */
  garbled?: true;
}

export interface UnitListReading {
  units: ListedUnit[];
  /** A clause with a verb (负责, 牵头, 配合…) was seen: the text is meant as a unit list. */
  hasVerb: boolean;
  /** A deadline clause inside the list ("…负责，2017年底前完成"). */
  deadline: string | null;
  /** Items that do not read as unit names, as written. */
  unreadable: string[];
  /** "列第一位者为牵头单位" was stated. */
  firstLeadsNote: boolean;
  /** "下同": the units also stand for the following tasks that name none. */
  carriesForward: boolean;
  /** Names written together with no delimiter ("区财政局区审计局") and the names they were split into. */
  glued: { written: string; parts: string[] }[];
}

const FIRST_LEADS_NOTE =
  /[，；。 ]?(?:以上)?(?:各项任务)?(?:列|排在?|排列)?(?:第一位|首位|第一)(?:者|的|单位)?(?:为|是)牵头(?:单位|部门)(?:[，；]?(?:下同|以下同|后同))?[。；]?/g;

const CARRIES_FORWARD = /[，；。]?\s*(?:以下同|下同|后同|下文同)\s*[。；，]?/g;

const LEAD_END = /(?:牵头负责|牵头落实|负责牵头|牵头抓总|共同牵头|牵头)$/;
const SUPPORT_END = /(?:按职责配合|按职能配合|积极配合|配合落实|配合实施|共同配合|配合做好|配合|协助|协办|参与|参加)$/;
// Responsibility phrases, never part of a unit name: "按职责分工负责", "按职责分工分别负责", "按照各自职能负责", "分别负责".
const SHARED_END =
  /(?:按照?(?:各自)?(?:职责|职能|职能职责)(?:分工)?|按分工)(?:分别|各自)?(?:负责落实|负责|落实|推进|实施)?$|(?:分工|分别|各自)(?:负责|落实)$|各负其责$|各司其职$/;
const LISTED_END = /(?:共同负责|具体负责|负责落实|负责实施|组织实施|抓好落实|落实|负责|承担|实施|承办|推进)$/;
const LEADING_WORDS = /^(?:由|请|责任单位为|牵头单位为|均由)/;
const TRAILING_ETC = /等(?:有关|相关|其他|各)?(?:单位|部门|机关)?$/;
const ITEM_ROLE = /（(牵头单位|牵头部门|牵头|主办|主责|配合单位|配合|协办|参与|按照?职责分工负责|按职责负责|分别负责)）$/;

/** +1 for an opening bracket, -1 for a closing one; brackets that never hold unit separators are ignored. */
export function bracketDelta(code: number): number {
  switch (code) {
    case 0xff08: // （
    case 0x5b: // [
    case 0x3010: // 【
    case 0x3014: // 〔
    case 0x300a: // 《
    case 0x201c: // “
      return 1;
    case 0xff09: // ）
    case 0x5d: // ]
    case 0x3011: // 】
    case 0x3015: // 〕
    case 0x300b: // 》
    case 0x201d: // ”
      return -1;
    default:
      return 0;
  }
}

// The characters bracketDelta counts: the regex engine jumps between them instead of a JS loop over every character.
const DELTA_BRACKET = /[（[【〔《“）\]】〕》”]/g;

/** Index of the first character at or after `from` that bracketDelta counts, or -1. */
export function nextBracket(text: string, from: number): number {
  DELTA_BRACKET.lastIndex = from;
  return DELTA_BRACKET.test(text) ? DELTA_BRACKET.lastIndex - 1 : -1;
}

/** Splits on any of the separators outside brackets, so "各镇政府（街道办事处、社区）" stays whole. */
export function splitTopLevel(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const delta = bracketDelta(code);
    if (delta !== 0) depth = Math.max(0, depth + delta);
    else if (depth === 0 && separators.indexOf(text[i] ?? '') !== -1) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

// How government bodies' names end: 局, 办, 委, 中心, 政府, 街道… (a trailing "（…）" qualifier is allowed).
const UNIT_SUFFIX =
  /(?:[局委办院部会处所站司队行厅室团社联镇乡组馆台校署庭区园股科关军报网街村]|中心|政府|街道|监狱|人大|政协|车间|基地|机构)(?:（[^（）]*）)?$/;

const COLLECTIVE =
  /^[区市县]?各|^(?:全|所有)|(?:各|有关|相关|直属|所属|成员)[^、，；]{0,8}(?:部门|单位|机关|机构)(?:（[^（）]*）)?$|(?:各镇街|各乡镇|各街道|各有关方面|区直机关|市直机关|县直机关|各级政府|各级机关)(?:（[^（）]*）)?$|^(?:区直|市直|县直|省直)/;

/** A name standing for many units: expanded through the unit directory, never split. */
export function isCollectiveUnit(name: string): boolean {
  // The same few names come back task after task: remember the answer.
  let collective = collectiveCache.get(name);
  if (collective === undefined) {
    collective = COLLECTIVE.test(name);
    if (collectiveCache.size >= 5000) collectiveCache.clear();
    collectiveCache.set(name, collective);
  }
  return collective;
}

const collectiveCache = new Map<string, boolean>();

/** True for a name shaped like a government body (ends like 局, 办, 中心, 政府…) or a collective name. */
export function looksLikeUnit(name: string): boolean {
  if (name.length < 2 || name.length > 40) return false;
  // The same few names come back task after task: one lookup instead of four regexes, as for isCollectiveUnit.
  let looks = unitShapeCache.get(name);
  if (looks === undefined) {
    looks = readUnitShape(name);
    if (unitShapeCache.size >= 5000) unitShapeCache.clear();
    unitShapeCache.set(name, looks);
  }
  return looks;
}

const unitShapeCache = new Map<string, boolean>();

function readUnitShape(name: string): boolean {
  if (SENTENCE_PUNCTUATION.test(name) || isJunk(name)) return false;
  return UNIT_SUFFIX.test(name) || isCollectiveUnit(name);
}

// Module constants rather than literals in the functions: a regex literal makes a new RegExp object each time it
// is evaluated, and these run for every name of every unit list.
const SENTENCE_PUNCTUATION = /[。；：，！？]/;
// Symbols no unit name holds: markup, code, query operators ({"$ne":1}, <script>, a=1).
const JUNK = /[{}<>$"'`=\\|#@^*~&+[\]_]/;
const HAN = /[\u4e00-\u9fff]/;

/** Not a name at all: symbols of code or markup, or not one Chinese character. */
function isJunk(name: string): boolean {
  return JUNK.test(name) || !HAN.test(name);
}

// "各区、县级市": the second half is a bare kind of place, so the two halves are one collective name.
const BARE_PLACE_KIND =
  /^(?:县级市|县市|县区|市区|县|市|区|镇|乡|乡镇|街道|街道办事处|镇街|开发区|园区|管委会|功能区|社区|村)(?:人民政府|政府)?(?:（[^（）]*）)?$/;

function mergeCollectiveHalves(items: string[]): string[] {
  const merged: string[] = [];
  for (const item of items) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && previous.startsWith('各') && BARE_PLACE_KIND.test(item)) {
      merged[merged.length - 1] = `${previous}、${item}`;
    } else {
      merged.push(item);
    }
  }
  return merged;
}

/** Canonical unit name: no spaces, no stray punctuation, full-width parentheses (already so after normalize). */
export function normalizeUnitName(name: string): string {
  return compactSpaces(name)
    .replace(/ /g, '')
    .replace(/^[、，；：。“”‘’"'\-—]+|[、，；：。“”‘’"'\-—]+$/g, '')
    .replace(TRAILING_ETC, '');
}

/** Splits one clause's unit part into names: on 、, on "和/及/与" between two unit names, on spaces between unit names. */
function splitUnitItems(body: string): string[] {
  const items: string[] = [];
  for (const piece of splitTopLevel(body, '、，/')) {
    const trimmed = piece.trim();
    if (trimmed === '') continue;
    for (const part of splitOnConjunction(trimmed)) items.push(...splitOnSpaces(part));
  }
  return mergeCollectiveHalves(items.map(normalizeUnitName).filter((item) => item !== ''));
}

function splitOnConjunction(text: string): string[] {
  const match = /^(.+?(?:[局委办院部会中心府处]|部门|单位))(?:和|及|与|以及)(.+)$/.exec(text);
  if (match?.[1] && match[2] && looksLikeUnit(normalizeUnitName(match[1])) && looksLikeUnit(normalizeUnitName(match[2]))) {
    return [match[1], ...splitOnConjunction(match[2])];
  }
  return [text];
}

function splitOnSpaces(text: string): string[] {
  if (!text.includes(' ')) return [text];
  const parts = text.split(/ +/).filter((part) => part !== '');
  // "区发改局 区财政局" lists two units; "区 发改局" is one name broken by extraction.
  if (parts.length >= 2 && parts.every((part) => looksLikeUnit(part) && part.length >= 3)) return parts;
  return [text.replace(/ +/g, '')];
}

interface ClauseReading {
  role: ListedRole;
  body: string;
  hasVerb: boolean;
}

function readClauseVerb(clause: string): ClauseReading {
  const text = clause.trim().replace(LEADING_WORDS, '');
  const patterns: Array<[RegExp, ListedRole]> = [
    [SHARED_END, 'shared'],
    [LEAD_END, 'lead'],
    [SUPPORT_END, 'support'],
    [LISTED_END, 'listed'],
  ];
  for (const [pattern, role] of patterns) {
    const match = pattern.exec(text);
    if (match) return { role, body: text.slice(0, match.index).replace(TRAILING_ETC, ''), hasVerb: true };
  }
  return { role: 'listed', body: text, hasVerb: false };
}

/**
 * Reads a unit list such as the contents of a task's closing parenthesis. Roles come from the verbs
 * (牵头 / 配合 / 负责 / 按职责分工负责) and from "（牵头）" after a name.
 */
// Notices repeat the same unit phrases task after task; a reading is pure data, so it is computed once.
const readingCache = new Map<string, UnitListReading>();
const READING_CACHE_LIMIT = 5000;

export function readUnitList(text: string): UnitListReading {
  const cached = readingCache.get(text);
  if (cached) return cached;
  if (readingCache.size >= READING_CACHE_LIMIT) readingCache.clear();
  const reading = deepFreeze(readUnitListUncached(text));
  readingCache.set(text, reading);
  return reading;
}

function deepFreeze(reading: UnitListReading): UnitListReading {
  for (const unit of reading.units) Object.freeze(unit);
  Object.freeze(reading.units);
  Object.freeze(reading.unreadable);
  Object.freeze(reading.glued);
  return Object.freeze(reading);
}

function readUnitListUncached(text: string): UnitListReading {
  let firstLeadsNote = false;
  const withoutNote =
    !text.includes('牵头') || !/第一|首位/.test(text)
      ? text
      : text.replace(FIRST_LEADS_NOTE, () => {
          firstLeadsNote = true;
          return '';
        });
  let carriesForward = false;
  const withoutCarry = !/[下后]同/.test(withoutNote)
    ? withoutNote
    : withoutNote.replace(CARRIES_FORWARD, (found) => {
        carriesForward = true;
        return /^[，；。]/.test(found) ? found.charAt(0) : '';
      });
  const reading: UnitListReading = { units: [], hasVerb: false, deadline: null, unreadable: [], firstLeadsNote, carriesForward, glued: [] };
  const seen = new Set<string>();
  for (const rawClause of splitTopLevel(withoutCarry, '；。\n')) {
    for (const clause of splitClausesOnComma(rawClause)) {
      if (clause.trim() === '') continue;
      if (isDeadlineClause(clause)) {
        reading.deadline = findDeadlineInField(clause);
        continue;
      }
      const { role, body, hasVerb } = readClauseVerb(clause);
      reading.hasVerb ||= hasVerb;
      for (const item of splitUnitItems(body).flatMap((name) => splitGlued(name, reading))) {
        const marked = ITEM_ROLE.exec(item);
        const name = marked ? item.slice(0, marked.index) : item;
        const itemRole = marked ? readItemRole(marked[1] ?? '') : role;
        if (seen.has(name)) continue;
        if (name.includes('\uFFFD')) {
          seen.add(name);
          reading.units.push({ name, role: itemRole, garbled: true });
          continue;
        }
        if (!looksLikeUnit(name) && !isPlausibleName(name)) {
          reading.unreadable.push(name);
          continue;
        }
        seen.add(name);
        reading.units.push({ name, role: itemRole });
      }
    }
  }
  return reading;
}

// Where one unit name ends and the next begins when two are written together: an ending of unit names, then the
// start of the next name (a jurisdiction, or 各 of a collective).
const GLUED_BOUNDARY = /(?:街道办事处|管委会|委员会|办公室|中心|政府|分局|支队|大队|[局委办院部室所队])(?=[区市县镇乡省各])/g;

/**
 * "区财政局区审计局" → 区财政局, 区审计局: split only where every part reads as a unit name of three characters or
 * more, so "区委宣传部" or "市公安局交警支队" stay whole. The split is recorded for a diagnostic.
 */
function splitGlued(name: string, reading: UnitListReading): string[] {
  if (name.length < 6 || isCollectiveUnit(name)) return [name];
  const parts: string[] = [];
  let start = 0;
  for (const match of name.matchAll(GLUED_BOUNDARY)) {
    const end = (match.index ?? 0) + match[0].length;
    const part = name.slice(start, end);
    if (part.length >= 3 && looksLikeUnit(part) && !isCollectiveUnit(part)) {
      parts.push(part);
      start = end;
    }
  }
  const last = name.slice(start);
  if (parts.length === 0 || last.length < 3 || !looksLikeUnit(last)) return [name];
  parts.push(last);
  reading.glued.push({ written: name, parts });
  return parts;
}

function readItemRole(mark: string): ListedRole {
  if (/牵头|主办|主责/.test(mark)) return 'lead';
  if (/负责/.test(mark)) return 'shared';
  return 'support';
}

/**
 * Commas separate clauses ("区司法局牵头，各镇街配合") but also plain names ("区发改局，区财政局负责"):
 * both read the same once every piece is read as a clause whose verb, if any, applies to its own names.
 * A clause without a verb takes the verb of the next clause with one ("区发改局，区财政局负责" → both 负责).
 */
function splitClausesOnComma(clause: string): string[] {
  const pieces = splitTopLevel(clause, '，');
  if (pieces.length === 1) return pieces;
  const out: string[] = [];
  let pending: string[] = [];
  for (const piece of pieces) {
    const { hasVerb, role } = readClauseVerb(piece);
    // "区司法局，各镇街按职责分工负责": the unit named alone before the shared clause is the one that answers.
    if (hasVerb && role === 'shared' && pending.length > 0) {
      out.push(pending.join('、'), piece);
      pending = [];
    } else if (hasVerb) {
      out.push([...pending, piece].join('、'));
      pending = [];
    } else {
      pending.push(piece);
    }
  }
  if (pending.length > 0) out.push(pending.join('、'));
  return out;
}

/** Names that do not end like a unit but still read as one: short, no verbs, no digits-only. */
function isPlausibleName(name: string): boolean {
  if (name.length < 2 || name.length > 20 || isJunk(name)) return false;
  if (/[。；：！？%]|^\d+$|\d{4}年|\d月|季度|年底|年内|完成|长期|持续/.test(name)) return false;
  return !/(?:加强|推进|建立|完善|开展|落实|推动|深化|实施|提高|健全|规范|做好|组织|确保|严格|全面)/.test(name);
}

export interface ResolvedUnits {
  /** The one lead unit, when the list names one (an array so callers can spread it). */
  leads: string[];
  supporting: string[];
  /** The list names no lead ("按职责分工负责"), or only supporting units. */
  noLeadStated: boolean;
}

/**
 * Lead and supporting units from a reading: a task has one lead. Units marked 牵头 come first, and the first of
 * them leads; the other units marked 牵头 are its first supporting units, then the rest in the order written
 * ("区发改局、区统计局牵头，各镇政府按职责分工负责" → 区发改局; 区统计局, 各镇政府). Without a mark, by the notices' convention
 * (often stated as "列第一位者为牵头单位"), the first unit of a 负责 list leads. A list where every unit "按职责分工负责"
 * has no lead, and none is invented — unless it names a single unit, which then answers for the task.
 */
export function resolveRoles(units: readonly ListedUnit[]): ResolvedUnits {
  // Plain loops: this runs for every task, mostly before the JIT has warmed up. The lists are made at their final
  // size: they are kept in the result, and a list grown by push keeps room for 17.
  let firstLead = -1;
  let firstListed: ListedUnit | null = null;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as ListedUnit;
    if (unit.role === 'lead') {
      if (firstLead === -1) firstLead = i;
    } else if (unit.role === 'listed' && firstListed === null) firstListed = unit;
  }
  if (firstLead !== -1) {
    // The other units marked 牵头 first, then the rest in the order written.
    const supporting = new Array<string>(units.length - 1);
    let count = 0;
    for (let i = 0; i < units.length; i++) {
      const unit = units[i] as ListedUnit;
      if (unit.role === 'lead' && i !== firstLead) supporting[count++] = unit.name;
    }
    for (let i = 0; i < units.length; i++) {
      const unit = units[i] as ListedUnit;
      if (unit.role !== 'lead') supporting[count++] = unit.name;
    }
    return { leads: [(units[firstLead] as ListedUnit).name], supporting, noLeadStated: false };
  }
  if (firstListed) {
    const supporting = new Array<string>(units.length - 1);
    let count = 0;
    for (let i = 0; i < units.length; i++) if (units[i] !== firstListed) supporting[count++] = (units[i] as ListedUnit).name;
    // Shorter only if the same unit object were listed twice.
    if (count < supporting.length) supporting.length = count;
    return { leads: [firstListed.name], supporting, noLeadStated: false };
  }
  const only = units.length === 1 ? units[0] : undefined;
  if (only && only.role === 'shared' && !isCollectiveUnit(only.name)) return { leads: [only.name], supporting: [], noLeadStated: false };
  const supporting = new Array<string>(units.length);
  for (let i = 0; i < units.length; i++) supporting[i] = (units[i] as ListedUnit).name;
  return { leads: [], supporting, noLeadStated: units.length > 0 };
}
