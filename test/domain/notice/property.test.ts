import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../src/domain/notice/index.js';
import { expectEveryLineAccounted } from './helpers.js';

/** Pieces of the notice grammar, so random texts reach deep into the parser instead of stopping at "no task". */
const GRAMMAR_PIECES = [
  '一、',
  '二、',
  '十一、',
  '（一）',
  '(二)',
  '（九十九）',
  '1.',
  '2、',
  '12.',
  '（1）',
  '(3)',
  '①',
  '第一部分',
  '\n',
  '\n',
  '\n',
  '\r\n',
  '\t',
  '|',
  '| 序号 | 工作任务 | 牵头单位 |',
  '序号\t工作任务\t牵头单位\t配合单位\t完成时限',
  '牵头单位：',
  '配合单位:',
  '责任单位：',
  '完成时限：',
  '牵头领导：',
  '区司法局',
  '区政府各部门',
  '各镇政府（街道办事处）',
  '各区、县级市',
  '负责',
  '牵头',
  '配合',
  '按职责分工负责',
  '（',
  '）',
  '(',
  ')',
  '、',
  '，',
  '；',
  '。',
  '列第一位者为牵头单位，下同',
  '2017年底前',
  '6月底前',
  '长期坚持',
  '70%以上',
  '不少于2次',
  '〔2016〕6号',
  '（2015—2020年）',
  '推进依法行政',
  '清河区2017年法治政府建设工作要点',
  '关于印发《清河区工作要点》的通知',
  '2017年2月20日',
  '清河区人民政府办公室',
  '打印本页',
  '字号：【大】【中】【小】',
  '- 3 -',
  '區編辦負責',
  ' ',
  '　',
  '\u200b',
  '\ufeff',
  '２０１７',
  '⑵',
];

const grammarText = fc.array(fc.constantFrom(...GRAMMAR_PIECES), { maxLength: 120 }).map((pieces) => pieces.join(''));

function checkParse(text: string): void {
  const notice = parseNotice(text);
  expectEveryLineAccounted(text, notice);
  // The ledger's safety net ("未能识别") must never be what accounts a line: the grammar itself must place it.
  expect(notice.diagnostics.filter((diagnostic) => diagnostic.message.includes('未能识别'))).toEqual([]);
}

describe('parseNotice on arbitrary input', () => {
  it('never throws and accounts every line of arbitrary unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), checkParse), { numRuns: 300 });
  });

  it('never throws and accounts every line of random notice-like text', () => {
    fc.assert(fc.property(grammarText, checkParse), { numRuns: 500 });
  });

  it('never throws and accounts every line of arbitrary bytes read as UTF-8 or Latin-1', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        checkParse(new TextDecoder('utf-8').decode(bytes));
        checkParse(Buffer.from(bytes).toString('latin1'));
      }),
      { numRuns: 200 },
    );
  });
});
