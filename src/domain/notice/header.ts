import { compactSpaces } from './normalize.js';
import { parseChineseNumeral } from '../text/chinese-numerals.js';

/**
 * The document matter around the notice proper: the title, a cover letter ("关于印发《…》的通知" with its own
 * 一、二、), the issuing body and the signature date.
 */

const STRONG_TITLE =
  /(?:工作要点|工作安排|工作计划|工作方案|实施方案|分工方案|任务分工|责任分工|分工表|任务清单|责任清单|任务台账|工作任务|重点任务|任务分解表|任务分解|行动方案|行动计划)(?:（[^（）]*）)?$/;
const WEAK_TITLE = /(?:要点|计划|方案|安排|意见|清单|通知|分工)(?:（[^（）]*）)?$/;
const COVER_TITLE = /^[^。；，]{0,40}?关于(?:印发|下发|转发|发布|分解)(?:《(.+)》|(.+?))(?:的)?通知$/;
const DATE_LINE =
  /^(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4}) ?年 ?(?:\d{1,2}|[一二三四五六七八九十]{1,3}) ?月 ?(?:\d{1,2}|[一二三四五六七八九十]{1,3}) ?日(?:印发|发布|起施行)?$/;
const ORGANISATION = /(?:政府|办公室|委员会|领导小组|小组|局|办|委|院|部|中心|厅|公室)$/;
// A constant, not a literal in isOrganisationLine: that runs for most body lines, and a literal is a new object each time.
const CLAUSE_PUNCTUATION = /[。；，：、]/;
const FOOTER = /^(?:抄送|抄报|印发|主题词|（此件[^）]*）|此件公开发布|附件\d*[：:]?$)/;

export interface HeaderReading {
  title: string | null;
  /** Index of the first line after the header (title block, cover letter): where the notice body starts. */
  headerEnd: number;
  titleIndexes: number[];
  issuer: string | null;
  year: number | null;
}

export interface HeaderLine {
  readonly text: string;
  /** A numbered line, a table header or a field line: where the notice body may begin. */
  readonly structural: boolean;
  /** Web or page furniture. */
  readonly debris: boolean;
}

export function isDateLine(text: string): boolean {
  return DATE_LINE.test(withoutSpaces(text));
}

// Most lines hold no space: skip the replace (a regex call) for them.
function withoutSpaces(text: string): string {
  return text.indexOf(' ') === -1 ? text : text.replace(/ /g, '');
}

export function isFooterLine(text: string): boolean {
  return FOOTER.test(text);
}

/** A short line naming an organisation: a signature when a date follows it. */
export function isOrganisationLine(text: string): boolean {
  const compact = withoutSpaces(text);
  return compact.length >= 4 && compact.length <= 40 && !CLAUSE_PUNCTUATION.test(compact) && ORGANISATION.test(compact);
}

function isTitleShaped(text: string): boolean {
  return text.length >= 4 && text.length <= 70 && !/[。；！？《》]/.test(text) && !text.startsWith('关于') && !/：$/.test(text);
}

/** Finds where the notice proper starts, its title, and what the header says about issuer and year. */
export function readHeader(lines: readonly HeaderLine[]): HeaderReading {
  const firstStructural = lines.findIndex((line) => line.structural);
  const limit = firstStructural === -1 ? lines.length : firstStructural;
  const cover = findCoverTitle(lines);
  let title: { text: string; indexes: number[] } | null;
  let headerEnd: number;
  if (cover) {
    title = findLineMatching(lines, cover.index + 1, cover.inner);
    if (title) headerEnd = Math.max(...title.indexes) + 1;
    else {
      // The notice title is not repeated: the body starts after the cover letter's signature date.
      const dateIndex = lines.findIndex((line, i) => i > cover.index && isDateLine(line.text));
      headerEnd = dateIndex === -1 ? cover.index + 1 : dateIndex + 1;
      title = { text: cover.inner, indexes: [] };
    }
  } else {
    const strong = findTitle(lines, 0, lines.length, STRONG_TITLE);
    if (strong && (Math.min(...strong.indexes) < limit || hasDateBetween(lines, limit, Math.min(...strong.indexes)))) {
      // Before the first numbered line, or after a cover letter that ends with its signature date.
      title = strong;
    } else {
      title = findTitle(lines, 0, limit, WEAK_TITLE) ?? findFirstShortLine(lines, limit);
    }
    headerEnd = title ? Math.max(...title.indexes) + 1 : 0;
  }
  const titleText = title ? compactSpaces(title.text) : null;
  return {
    title: titleText,
    headerEnd,
    titleIndexes: title?.indexes ?? [],
    issuer: readIssuer(lines, cover, headerEnd, title?.indexes[0] ?? -1),
    year: readYear(titleText ?? '') ?? (cover ? readYear(lines[cover.index]?.text ?? '') : null),
  };
}

function findCoverTitle(lines: readonly HeaderLine[]): { index: number; inner: string; prefix: string } | null {
  let seen = 0;
  for (let i = 0; i < lines.length && seen < 15; i++) {
    const line = lines[i];
    if (!line || line.debris || line.text === '') continue;
    seen++;
    const match = COVER_TITLE.exec(line.text.replace(/ /g, ''));
    if (match) {
      const inner = (match[1] ?? match[2] ?? '').trim();
      const compact = line.text.replace(/ /g, '');
      if (inner.length >= 4) return { index: i, inner, prefix: compact.slice(0, compact.indexOf('关于')) };
    }
  }
  return null;
}

/** The line (or two consecutive lines: titles wrap) that reads the same as `wanted`. */
function findLineMatching(lines: readonly HeaderLine[], from: number, wanted: string): { text: string; indexes: number[] } | null {
  const target = wanted.replace(/[ 《》]/g, '');
  for (let i = from; i < lines.length; i++) {
    const text = (lines[i]?.text ?? '').replace(/ /g, '');
    if (text === '') continue;
    if (text === target) return { text: lines[i]?.text ?? '', indexes: [i] };
    const next = nextNonBlank(lines, i);
    if (next !== -1 && target.startsWith(text) && text + (lines[next]?.text ?? '').replace(/ /g, '') === target) {
      return { text: target, indexes: [i, next] };
    }
  }
  return null;
}

function nextNonBlank(lines: readonly HeaderLine[], i: number): number {
  for (let j = i + 1; j < lines.length && j <= i + 2; j++) if ((lines[j]?.text ?? '') !== '') return j;
  return -1;
}

function findTitle(lines: readonly HeaderLine[], from: number, to: number, pattern: RegExp): { text: string; indexes: number[] } | null {
  for (let i = from; i < to; i++) {
    const line = lines[i];
    // The shape of the text first: structural and debris cost regexes a line (computed when first asked for).
    if (!line || !isTitleShaped(line.text) || line.debris || line.structural) continue;
    // A wrapped title: "清河区2017年法治政府建设" + "工作要点" (the tail may be as short as "要点").
    const next = lines[i + 1];
    if (next && next.text.length <= 10 && !/[。；，：、]/.test(next.text) && !next.debris && !next.structural && pattern.test(line.text + next.text)) {
      return { text: line.text + next.text, indexes: [i, i + 1] };
    }
    if (pattern.test(line.text)) {
      const previous = i > 0 ? lines[i - 1] : undefined;
      if (
        previous &&
        !previous.debris &&
        !previous.structural &&
        isTitleShaped(previous.text) &&
        !isDateLine(previous.text) &&
        !isOrganisationLine(previous.text) &&
        line.text.length <= 8
      ) {
        return { text: previous.text + line.text, indexes: [i - 1, i] };
      }
      return { text: line.text, indexes: [i] };
    }
  }
  return null;
}

function findFirstShortLine(lines: readonly HeaderLine[], limit: number): { text: string; indexes: number[] } | null {
  for (let i = 0; i < limit; i++) {
    const line = lines[i];
    if (!line || line.debris || line.text === '') continue;
    if (isTitleShaped(line.text) && !/[，：、]/.test(line.text) && !isDateLine(line.text)) return { text: line.text, indexes: [i] };
    return null;
  }
  return null;
}

function hasDateBetween(lines: readonly HeaderLine[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isDateLine(lines[i]?.text ?? '')) return true;
  return false;
}

function readIssuer(lines: readonly HeaderLine[], cover: { index: number; prefix: string } | null, headerEnd: number, titleIndex: number): string | null {
  if (cover && cover.prefix.length >= 4 && ORGANISATION.test(cover.prefix)) return cover.prefix;
  // The issuing body printed above the title ("中共青山县委全面依法治县委员会办公室").
  for (let i = titleIndex - 1; i >= 0 && i >= titleIndex - 3; i--) {
    const text = lines[i]?.text ?? '';
    if (text === '' || lines[i]?.debris) continue;
    if (isOrganisationLine(text.replace(/文件$/, ''))) return text.replace(/ /g, '').replace(/文件$/, '');
    break;
  }
  // A signature: an organisation line right above a date line, in the header.
  for (let i = 1; i < headerEnd; i++) {
    if (isDateLine(lines[i]?.text ?? '') && isOrganisationLine(lines[i - 1]?.text ?? '')) return (lines[i - 1]?.text ?? '').replace(/ /g, '');
  }
  return null;
}

/** The year a text names: "2017年", "二〇一七年". */
export function readYear(text: string): number | null {
  const arabic = /((?:19|20)\d{2}) ?年/.exec(text);
  if (arabic?.[1]) return Number.parseInt(arabic[1], 10);
  const chinese = /([〇零○一二三四五六七八九]{4}) ?年/.exec(text);
  if (chinese?.[1]) {
    const value = parseChineseNumeral(chinese[1].replace(/○/g, '〇'));
    if (value !== null && value >= 1900 && value < 2200) return value;
  }
  return null;
}
