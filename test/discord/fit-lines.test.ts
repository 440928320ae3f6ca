import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLines } from '../../src/discord/render/pager.js';

describe('fitLines', () => {
  it('keeps every line when they fit, and nothing for no lines', () => {
    expect(fitLines(['一', '二'], 10)).toBe('一\n二');
    expect(fitLines([], 10)).toBe('');
  });

  it('cuts at a whole line and says how many were left out', () => {
    expect(fitLines(['第一行', '第二行', '第三行', '第四行'], 12, (left) => `另有${left}`)).toBe('第一行\n第二行\n另有2');
    expect(fitLines(['一二三四五六'], 5, (left) => `余${left}`)).toBe('余1');
  });

  it('never goes past the limit, and shows every line or counts the rest exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 30 }).map((s) => s.replace(/\n/g, ' ')),
          { maxLength: 40 },
        ),
        fc.integer({ min: 20, max: 400 }),
        (lines, limit) => {
          const text = fitLines(lines, limit, (left) => `……另有 ${left} 行`);
          expect(text.length).toBeLessThanOrEqual(limit);
          const cut = /……另有 (\d+) 行$/.exec(text);
          if (cut) {
            const shown = text === cut[0] ? 0 : text.split('\n').length - 1;
            expect(shown + Number(cut[1])).toBe(lines.length);
          } else {
            expect(text).toBe(lines.join('\n'));
          }
        },
      ),
    );
  });
});
