import { describe, expect, it } from 'vitest';
import { parseNotice, splitOnKnownNames } from '../../../src/domain/notice/index.js';

const notice = (units: string) => `清河区2026年工作要点\n一、依法行政\n（一）开展行政执法案卷评查。（${units}负责）`;
const only = (text: string, known: string[]) => {
  const parsed = splitOnKnownNames(parseNotice(text), known);
  const [task] = parsed.tasks;
  if (!task) throw new Error('no task parsed');
  return { task, parsed };
};

describe('splitOnKnownNames', () => {
  it('splits names written together where the directory knows every part, the first keeping the lead', () => {
    const { task, parsed } = only(notice('司法局财政局、城关镇'), ['司法局', '财政局', '城关镇']);
    expect(task.units.map((u) => `${u.role}:${u.name}`)).toEqual(['lead:司法局', 'support:财政局', 'support:城关镇']);
    expect(task.lead).toBe('司法局');
    expect(task.supporting).toEqual(['财政局', '城关镇']);
    expect(parsed.diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringContaining('“司法局财政局”没有分隔符，已按单位目录中已有的名称拆分为“司法局”“财政局”'),
    );
  });

  it('splits a supporting name in place and reads aliases as known names', () => {
    const { task } = only(notice('区司法局、城关镇东城街道'), ['区司法局', '城关镇', '东城街道']);
    expect(task.supporting).toEqual(['城关镇', '东城街道']);
    expect(task.units.map((u) => u.name)).toEqual(['区司法局', '城关镇', '东城街道']);
  });

  it('never splits a name the directory knows whole, a name with an unknown part, or a collective', () => {
    expect(only(notice('城关镇司法所'), ['城关镇', '司法所', '城关镇司法所']).task.units.map((u) => u.name)).toEqual(['城关镇司法所']);
    expect(only(notice('司法局财务科'), ['司法局']).task.units.map((u) => u.name)).toEqual(['司法局财务科']);
    const { parsed } = only(notice('区司法局'), ['区司法局']);
    expect(parsed.diagnostics).toEqual(parseNotice(notice('区司法局')).diagnostics);
  });

  it('returns the parse unchanged when the directory is empty', () => {
    const parsed = parseNotice(notice('司法局财政局'));
    expect(splitOnKnownNames(parsed, [])).toBe(parsed);
  });
});
