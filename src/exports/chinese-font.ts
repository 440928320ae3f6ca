import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

/** The family every chart draws with; registered from the npm package, never from system fonts. */
export const chartFontFamily = 'DubanNotoSansSC';

const require = createRequire(import.meta.url);
const fontFiles = [
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
] as const;

let registered = false;

/**
 * Registers Noto Sans SC (regular and bold) once per process. Servers rarely have a CJK font
 * installed, and a chart drawn without one shows boxes instead of unit names.
 */
export function registerChineseFont(): string {
  if (registered) return chartFontFamily;
  for (const file of fontFiles) {
    const key = GlobalFonts.registerFromPath(require.resolve(file), chartFontFamily);
    if (!key) throw new Error(`Could not register the chart font ${file}`);
  }
  registered = true;
  return chartFontFamily;
}
