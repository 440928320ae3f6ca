import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitProgressReply, type KnownTask } from '../../../src/domain/calendar/index.js';

const tasks: KnownTask[] = [
  { taskId: 't1', no: 1, label: '(一)' },
  { taskId: 't3', no: 3, label: '(三)' },
  { taskId: 't5', no: 5, label: '(五)' },
];

const brief = (reply: ReturnType<typeof splitProgressReply>) => reply.items.map((item) => [item.taskId, item.text, item.statusGuess, item.percent]);

describe('splitProgressReply', () => {
  it('splits a reply numbered (一)…(五) and guesses status and percentage', () => {
    const reply = splitProgressReply('(一)已完成本年度行政规范性文件清理工作，共清理文件36件。(五)网上办理率已达65%，正在推进“一网通办”。', tasks);
    expect(reply.scheme).toBe('paren_cn');
    expect(brief(reply)).toEqual([
      ['t1', '已完成本年度行政规范性文件清理工作，共清理文件36件。', 'done', null],
      ['t5', '网上办理率已达65%，正在推进“一网通办”。', 'in_progress', 65],
    ]);
    expect(reply.leftovers).toEqual([]);
  });

  it('accepts full-width brackets, line breaks and a greeting before the first number', () => {
    const reply = splitProgressReply('收到，现报送如下：\n（一）已完成。\n（三）因机构改革暂缓，推进受阻。', tasks);
    expect(reply.leftovers).toEqual([{ text: '收到，现报送如下：', reason: 'preamble' }]);
    expect(brief(reply)).toEqual([
      ['t1', '已完成。', 'done', null],
      ['t3', '因机构改革暂缓，推进受阻。', 'blocked', null],
    ]);
  });

  it('splits "1.……5.……" without breaking on decimals or numbers inside sentences', () => {
    const reply = splitProgressReply('1.组织执法人员培训2场，完成率80%；执法案卷评查正在开展。5.复议案件办理周期缩短至1.5个月，已全部完成。', tasks);
    expect(reply.scheme).toBe('dotted_num');
    expect(brief(reply)).toEqual([
      ['t1', '组织执法人员培训2场，完成率80%；执法案卷评查正在开展。', 'in_progress', 80],
      ['t5', '复议案件办理周期缩短至1.5个月，已全部完成。', 'done', null],
    ]);
  });

  it('splits replies that name tasks as 第三项', () => {
    const reply = splitProgressReply('第一项：尚未启动。第三项，已完成100%。', tasks);
    expect(reply.scheme).toBe('ordinal');
    expect(brief(reply)).toEqual([
      ['t1', '尚未启动。', 'not_started', null],
      ['t3', '已完成100%。', 'done', 100],
    ]);
  });

  it('keeps sub-items of another numbering inside their task', () => {
    const reply = splitProgressReply('（一）主要做了：1.修订制度；2.开展培训。（三）推进中。', tasks);
    expect(reply.items.map((item) => item.taskId)).toEqual(['t1', 't3']);
    expect(reply.items[0]?.text).toBe('主要做了：1.修订制度；2.开展培训。');
  });

  it('does not treat a reference inside a sentence as a number', () => {
    const reply = splitProgressReply('（一）按照通知第二部分(三)要求，已完成。', tasks);
    expect(reply.items).toHaveLength(1);
  });

  it('marks a number the reminder did not list, and a number shared by two tasks', () => {
    const reply = splitProgressReply('(二)已完成。(一)推进中。', [
      { taskId: 'a', no: 1 },
      { taskId: 'b', no: 1 },
    ]);
    expect(reply.items.map((item) => [item.no, item.taskId, item.issue])).toEqual([
      [2, null, 'unknown_task'],
      [1, null, 'ambiguous_task'],
    ]);
  });

  it('gives a reply without numbers to the only task listed', () => {
    const reply = splitProgressReply('已完成全部整改。', [{ taskId: 't9', no: 9 }]);
    expect(reply.items).toEqual([{ taskId: 't9', no: 9, marker: '', text: '已完成全部整改。', statusGuess: 'done', percent: null, issue: null }]);
  });

  it('keeps a reply without numbers as a leftover when several tasks are listed', () => {
    const reply = splitProgressReply('各项工作正在推进。', tasks);
    expect(reply.items).toEqual([]);
    expect(reply.leftovers).toEqual([{ text: '各项工作正在推进。', reason: 'no_markers' }]);
  });

  it('reads Chinese numbers past ten', () => {
    const reply = splitProgressReply('(十二)已完成。(二十一)推进中', [
      { taskId: 'x', no: 12 },
      { taskId: 'y', no: 21 },
    ]);
    expect(reply.items.map((item) => item.taskId)).toEqual(['x', 'y']);
  });

  it('never drops any text', () => {
    const piece = fc.constantFrom('(一)', '（三）', '1.', '5、', '第三项', '已完成', '65%', '推进中', '，', '。', '\n', ' ', '1.5', '受阻', 'abc');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        const reply = splitProgressReply(text, tasks);
        const kept = [
          ...reply.leftovers.filter((l) => l.reason === 'preamble').map((l) => l.text),
          ...reply.items.flatMap((item) => [item.marker, item.text]),
          ...reply.leftovers.filter((l) => l.reason === 'no_markers').map((l) => l.text),
        ].join('');
        expect(kept.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });

  it('splits replies numbered 一、二、 and （1）（2）', () => {
    expect(splitProgressReply('一、已完成。\n三、稳步推进中。', tasks).items.map((i) => [i.taskId, i.statusGuess])).toEqual([
      ['t1', 'done'],
      ['t3', 'in_progress'],
    ]);
    const numbered = splitProgressReply('（1）未启动（5）完成进度约40%', tasks);
    expect(numbered.scheme).toBe('paren_num');
    expect(numbered.items.map((i) => [i.taskId, i.statusGuess, i.percent])).toEqual([
      ['t1', 'not_started', null],
      ['t5', 'in_progress', 40],
    ]);
  });

  it('splits brackets written straight after a word when they name the next listed task', () => {
    const reply = splitProgressReply('（一）已完成（五）正在推进（三）', tasks);
    expect(reply.items.map((i) => [i.taskId, i.text])).toEqual([
      ['t1', '已完成'],
      ['t5', '正在推进（三）'],
    ]);
  });
});
