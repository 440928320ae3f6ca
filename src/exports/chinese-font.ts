import { readdirSync } from 'node:fs';
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

let fontList: string | null = null;

/**
 * Registers Noto Sans SC once per process and returns the font list every chart draws with
 * (`ctx.font = \`bold 14px ${list}\``). Servers rarely have a CJK font installed, and a chart drawn
 * without one shows boxes instead of unit names; the font comes from the npm package, never from the system.
 */
export function registerChineseFont(): string {
  if (fontList) return fontList;
  const folder = path.join(path.dirname(require.resolve(`${fontPackage}/package.json`)), 'files');
  const slices = readdirSync(folder)
    .filter((file) => file.endsWith('-wght-normal.woff2'))
    // Latin first: digits and letters are the most drawn, and the search through the list stops at the first slice that has them.
    .sort((a, b) => Number(!a.includes('-latin-wght')) - Number(!b.includes('-latin-wght')) || a.localeCompare(b));
  if (slices.length === 0) throw new Error(`No font files in ${folder}`);
  const families = slices.map((file, i) => {
    const family = `${familyPrefix}${i}`;
    if (!GlobalFonts.registerFromPath(path.join(folder, file), family)) throw new Error(`Could not register the chart font ${file}`);
    return family;
  });
  fontList = families.join(', ');
  return fontList;
}

/** The font each context was last set to, so that setting it again costs nothing. */
const fontSet = new WeakMap<SKRSContext2D, string>();

/**
 * Draws with Noto Sans SC at a size and weight: the font is variable, so the weight is set on its "wght" axis too.
 * Setting the font parses its list of about a hundred families, so a font already set is not set again (a chart
 * of 500 units sets the same one row after row).
 */
export function setChartFont(ctx: SKRSContext2D, px: number, weight: 'normal' | 'bold' = 'normal'): void {
  const font = `${weight === 'bold' ? 'bold ' : ''}${px}px ${registerChineseFont()}`;
  if (fontSet.get(ctx) === font) return;
  ctx.font = font;
  ctx.fontVariationSettings = `"wght" ${weight === 'bold' ? 700 : 400}`;
  fontSet.set(ctx, font);
}
