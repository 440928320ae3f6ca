import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';

const require = createRequire(import.meta.url);

/**
 * Noto Sans SC as Fontsource ships it: one variable-weight woff2 per slice of Unicode (Latin, then about a hundred
 * slices of CJK), 5 MB in all. Skia picks one typeface per family name, so every slice is its own family, and the
 * charts name them all in one CSS font list, through which Skia finds each character's slice.
 */
const fontPackage = '@fontsource-variable/noto-sans-sc';
const familyPrefix = 'DubanNotoSansSC';

interface Slice {
  readonly family: string;
  /** Inclusive code point ranges the slice holds, from the package's unicode.json (its CSS unicode-range). */
  readonly ranges: readonly (readonly [number, number])[];
}

interface Registered {
  readonly list: string;
  readonly slices: readonly Slice[];
  /** Code point → the slices (by index in the list) that hold it. */
  readonly slicesOf: ReadonlyMap<number, readonly number[]>;
}

let registered: Registered | null = null;

function parseUnicodeRange(range: string): [number, number][] {
  return range.split(',').map((part) => {
    const [low = '0', high] = part.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(low, 16), Number.parseInt(high ?? low, 16)];
  });
}

function register(): Registered {
  if (registered) return registered;
  const root = path.dirname(require.resolve(`${fontPackage}/package.json`));
  const folder = path.join(root, 'files');
  const unicode = JSON.parse(readFileSync(path.join(root, 'unicode.json'), 'utf8')) as Record<string, string>;
  const files = readdirSync(folder)
    .filter((file) => file.endsWith('-wght-normal.woff2'))
    // Latin first: digits and letters are the most drawn, and the search through the list stops at the first slice that has them.
    .sort((a, b) => Number(!a.includes('-latin-wght')) - Number(!b.includes('-latin-wght')) || a.localeCompare(b));
  if (files.length === 0) throw new Error(`No font files in ${folder}`);
  const slices = files.map((file, i): Slice => {
    const family = `${familyPrefix}${i}`;
    if (!GlobalFonts.registerFromPath(path.join(folder, file), family)) throw new Error(`Could not register the chart font ${file}`);
    // noto-sans-sc-57-wght-normal.woff2 → "[57]", noto-sans-sc-latin-wght-normal.woff2 → "latin".
    const name = /^noto-sans-sc-(.+)-wght-normal\.woff2$/.exec(file)?.[1] ?? '';
    const range = unicode[/^\d+$/.test(name) ? `[${name}]` : name];
    // A slice whose range is unknown is kept for every text (an empty range list means "always").
    return { family, ranges: range ? parseUnicodeRange(range) : [] };
  });
  const slicesOf = new Map<number, number[]>();
  slices.forEach((slice, i) => {
    for (const [low, high] of slice.ranges) {
      for (let code = low; code <= high; code += 1) {
        const held = slicesOf.get(code);
        if (held) held.push(i);
        else slicesOf.set(code, [i]);
      }
    }
  });
  registered = { list: slices.map((slice) => slice.family).join(', '), slices, slicesOf };
  return registered;
}

/**
 * Registers Noto Sans SC once per process and returns the font list every chart draws with
 * (`ctx.font = \`bold 14px ${list}\``). Servers rarely have a CJK font installed, and a chart drawn
 * without one shows boxes instead of unit names; the font comes from the npm package, never from the system.
 */
export function registerChineseFont(): string {
  return register().list;
}

/**
 * The font list cut to the slices that hold a character of `text` (everything a chart will draw), in the
 * same order: Skia walks the list for every glyph drawn or measured, and a hundred families made drawing a
 * long ranking slow. Each character still comes from the first slice that has it, so the chart is the same.
 */
export function chineseFontFor(text: string): string {
  const { slices, slicesOf } = register();
  const used = new Set<number>();
  slices.forEach((slice, i) => {
    if (slice.ranges.length === 0) used.add(i);
  });
  for (const ch of text) for (const i of slicesOf.get(ch.codePointAt(0) ?? 0) ?? []) used.add(i);
  return slices
    .filter((_, i) => used.has(i))
    .map((slice) => slice.family)
    .join(', ');
}

/** The font each context was last set to, so that setting it again costs nothing. */
const fontSet = new WeakMap<SKRSContext2D, string>();

/**
 * Draws with Noto Sans SC at a size and weight: the font is variable, so the weight is set on its "wght" axis too.
 * Setting the font parses its list of about a hundred families, so a font already set is not set again (a chart
 * of 500 units sets the same one row after row).
 */
export function setChartFont(ctx: SKRSContext2D, px: number, weight: 'normal' | 'bold' = 'normal', families = registerChineseFont()): void {
  const font = `${weight === 'bold' ? 'bold ' : ''}${px}px ${families}`;
  if (fontSet.get(ctx) === font) return;
  ctx.font = font;
  ctx.fontVariationSettings = `"wght" ${weight === 'bold' ? 700 : 400}`;
  fontSet.set(ctx, font);
}
