import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { registerChineseFont, renderRankingChart } from '../../src/exports/index.js';
import type { Ranking, RankingEntry } from '../../src/domain/ranking/index.js';
import { buildFixtureReport } from './ranking-fixture.js';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function entry(index: number, score: number): RankingEntry {
  return { rank: index + 1, tied: false, unitId: index, name: `第${index + 1}号单位（测试镇）`, score, scoreHundredths: score * 100, missing: 0, done: 0 };
}

describe('renderRankingChart', () => {
  it('draws a PNG with a panel per category', async () => {
    const report = buildFixtureReport();
    const png = await renderRankingChart(report.ranking, { title: report.title });
    expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(png.length).toBeGreaterThan(10_000);
    const image = await loadImage(png);
    expect(image.width).toBe(1100);
    expect(image.height).toBeGreaterThan(400);
  });

  it('grows with the number of units and still draws 300 of them', async () => {
    const many: Ranking = {
      department: Array.from({ length: 200 }, (_, i) => entry(i, 110 - i * 0.2)),
      township: Array.from({ length: 100 }, (_, i) => entry(i, 100 - i * 0.3)),
      other: [],
      unranked: [],
    };
    const image = await loadImage(await renderRankingChart(many, { title: '压力测试' }));
    expect(image.height).toBeGreaterThan(300 * 22);
    // The chart is drawn in bands of rows: every band, the last included, holds bars in its category's colour.
    const canvas = createCanvas(image.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    const pixels = canvas.data();
    const barRows = (r: number, g: number, b: number) =>
      Array.from({ length: image.height }, (_, y) => y).filter((y) =>
        Array.from({ length: image.width }, (_, x) => (y * image.width + x) * 4).some((at) => pixels[at] === r && pixels[at + 1] === g && pixels[at + 2] === b),
      );
    const departmentRows = barRows(0x2f, 0x6f, 0xb3);
    const townshipRows = barRows(0x2f, 0x9e, 0x6b);
    for (let top = 0; top + 512 < departmentRows.at(-1)!; top += 512) expect(departmentRows.some((y) => y >= top && y < top + 512)).toBe(true);
    expect(townshipRows.at(-1)).toBeGreaterThan(image.height - 120);
    expect(departmentRows.length + townshipRows.length).toBeGreaterThan(300 * 22 * 0.6);
  });

  it('says so when there is nothing to rank', async () => {
    const image = await loadImage(await renderRankingChart({ department: [], township: [], other: [], unranked: [] }));
    expect(image.width).toBe(1100);
    expect(image.height).toBeLessThan(400);
  });

  it('draws Chinese with real glyphs from the bundled font, not empty boxes', () => {
    const font = registerChineseFont();
    const draw = (text: string) => {
      const canvas = createCanvas(40, 40);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 40, 40);
      ctx.fillStyle = '#000';
      ctx.font = `32px ${font}`;
      ctx.textBaseline = 'top';
      ctx.fillText(text, 4, 4);
      return Buffer.from(ctx.getImageData(0, 0, 40, 40).data);
    };
    // A missing glyph draws the same box for every character.
    expect(draw('区').equals(draw('镇'))).toBe(false);
    expect(draw('镇').equals(draw('镇'))).toBe(true);
  });
});
