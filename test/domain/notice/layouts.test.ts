import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../src/domain/notice/index.js';
import { readNoticeFile } from '../../../src/files/index.js';
import { DOCX_TABLE_NOTICE, makeDocx } from '../../fixtures/make-fixtures.js';
import { describeDiagnostics, expectEveryLineAccounted, expectNumberedTasks, parseFixture, type ExpectedNumberedTask } from './helpers.js';

/** The layouts of issue 14 §3: every task's number, lead and supporting units are checked. */

describe('parseNotice on task numbers glued to titles that begin with digits', () => {
  const notice = parseFixture('digit-title.txt');

  it('reads "3.12345政务热线整合" as task 3, not as more of task 2, also when numbers run on across sections', () => {
    expectNumberedTasks(notice, [
      [1, '1.', 1, '区行政审批局', []],
      [1, '2.', 2, '区政务服务数据管理局', ['区行政审批局']],
      [1, '3.', 3, '区政务服务数据管理局', []],
      [1, '4.', 4, '区财政局', []],
      [2, '5.', 5, '区大数据中心', []],
      [2, '6、', 6, '区政务服务数据管理局', ['区政府各部门']],
      [2, '7.', 7, '区公安分局', ['区政务服务数据管理局']],
    ]);
    expect(notice.tasks.map((task) => task.title)).toEqual([
      '推进政务服务事项标准化',
      '深化“一网通办”改革',
      '12345政务热线整合',
      '统筹数字化改造资金',
      '2026年底前建成区级数据共享交换平台',
      '12345热线知识库更新',
      '110警情与12345热线工单双向流转',
    ]);
    expect(notice.tasks[4]?.dueDate).toBe('2026-12-31');
    expect(notice.diagnostics).toEqual([]);
  });
});

describe('parseNotice on two or more lead units', () => {
  const expected: ExpectedNumberedTask[] = [
    [1, '（一）', 1, '区发改局', ['区统计局', '区各有关部门', '各镇政府']],
    [1, '（二）', 2, '区统计局', ['区纪委监委', '区司法局', '区各有关部门']],
    [2, '（三）', 3, '区发改局', ['区财政局', '区自然资源局']],
    [2, '（四）', 4, '区发改局', ['区行政审批局', '区住建局', '区自然资源局']],
    [2, '（五）', 5, '区自然资源局', ['区发改局']],
  ];

  it('takes the first lead and makes the other leads the first supporting units, then the rest', () => {
    const notice = parseFixture('two-leads.txt');
    expectNumberedTasks(notice, expected);
    expect(notice.diagnostics).toEqual([]);
  });

  it('reads the same notice written in traditional characters (牽頭) and stores the names in simplified form', () => {
    const notice = parseFixture('two-leads-traditional.txt');
    expect(notice.title).toBe('临江区2026年统计和发展改革工作任务分工');
    expectNumberedTasks(notice, expected);
    expect(notice.diagnostics).toEqual([]);
  });
});

describe('parseNotice on responsibility phrases after unit names', () => {
  const notice = parseFixture('responsibility-phrases.txt');

  it('keeps 按职责分工分别负责, 按职责分工负责, 分别负责, 等部门 and a trailing 等 out of the unit names', () => {
    expectNumberedTasks(notice, [
      [1, '（一）', 1, '区行政审批局', ['区政府各部门', '各镇人民政府']],
      [1, '（二）', 2, null, ['区发改局', '区市场监管局']],
      [1, '（三）', 3, null, ['区税务局', '区财政局']],
      [1, '（四）', 4, '区市场监管局', []],
      [1, '（五）', 5, '区财政局', ['区工信局', '区国资局']],
      [2, '（六）', 6, '区司法局', ['区各行政执法部门']],
      [2, '（七）', 7, '区司法局', ['区法院', '区工商联']],
      [2, '（八）', 8, '区市场监管局', ['区公安分局', '区法院']],
    ]);
    const names = notice.tasks.flatMap((task) => task.units.map((unit) => unit.name));
    expect(names.filter((name) => /负责|等|按职责/.test(name))).toEqual([]);
  });

  it('asks for a lead where the units only share the work, naming the command that sets it', () => {
    expect(describeDiagnostics(notice)).toEqual([
      '5 warning: 任务（二）“开展涉企收费专项清理”各单位“按职责分工负责”，没有写明牵头单位，请在导入后用 /任务 修改 指定',
      '6 warning: 任务（三）“落实减税降费政策，确保应享尽享”各单位“按职责分工负责”，没有写明牵头单位，请在导入后用 /任务 修改 指定',
    ]);
  });
});

describe('parseNotice on units in brackets of every kind', () => {
  const notice = parseFixture('bracket-units.txt');

  it('reads 〔〕, 【】 and [] like （）, and carries units written with 下同 to the following tasks until new ones are given', () => {
    expectNumberedTasks(notice, [
      [1, '（一）', 1, '区司法局', ['各镇街']],
      [1, '（二）', 2, '区司法局', ['各镇街']],
      [1, '（三）', 3, '区司法局', ['各镇街']],
      [2, '（四）', 4, '区司法局', ['区各行政执法部门']],
      [2, '（五）', 5, null, []],
      [2, '（六）', 6, '区委编办', ['区司法局', '各镇街']],
      [2, '（七）', 7, '区司法局', ['区市场监管局']],
      [3, '（八）', 8, '区政府办公室', ['区政府各部门']],
      [3, '（九）', 9, '区审计局', []],
    ]);
    expect(notice.tasks[0]?.title).toBe('严格落实重大行政决策程序规定');
    expect(notice.tasks.flatMap((task) => task.units.map((unit) => unit.name))).not.toContain('下同');
  });

  it('says where 下同 was applied, and that a task after other units names none', () => {
    expect(describeDiagnostics(notice)).toEqual([
      '4 warning: 任务（一）“严格落实重大行政决策程序规定”的责任单位写明“下同”，已用于其后2项未写明单位的任务（责任单位：区司法局，各镇街按职责分工负责。下同。），请核对；如有不同，请在导入后用 /任务 修改 更正',
      '9 error: 任务（五）“开展行政执法案卷评查”没有写明责任单位，请在导入后用 /任务 修改 指定牵头单位',
    ]);
  });
});

describe('parseNotice on fields written inline', () => {
  const notice = parseFixture('inline-fields.txt');

  it('reads units written after an inline deadline, a lead marked inside a list and 牵头单位 with 配合单位 on one line', () => {
    expectNumberedTasks(notice, [
      [1, '1.', 1, '县司法局', []],
      [1, '2.', 2, '县司法局', ['县法院']],
      [1, '3.', 3, '县司法局', ['县财政局', '县人社局']],
      [1, '4.', 4, '县市场监管局', ['县发改局', '县商务局']],
      [1, '5.', 5, '县发改局', ['县政务服务中心', '各乡镇人民政府']],
      [2, '6.', 6, '县委宣传部', ['县司法局']],
    ]);
    expect(notice.tasks.map((task) => [task.deadline, task.dueDate])).toEqual([
      ['2026年6月底前', '2026-06-30'],
      ['2026年9月底前', '2026-09-30'],
      [null, null],
      [null, null],
      ['2026年底前', '2026-12-31'],
      ['2026年11月底前', '2026-11-30'],
    ]);
    expect(notice.diagnostics).toEqual([]);
  });
});

describe('parseNotice on names that are not names', () => {
  const notice = parseFixture('unit-junk.txt');

  it('accepts no code, markup or query operator as a unit, and says so naming the command that adds a unit', () => {
    expectNumberedTasks(notice, [
      [1, '（一）', 1, '区财政局', []],
      [1, '（二）', 2, '区发改局', []],
      [1, '（三）', 3, null, ['区政府办公室', '区各部门']],
      [1, '（四）', 4, '区政府办公室', []],
    ]);
    const warnings = describeDiagnostics(notice).filter((line) => line.includes('不像单位名称'));
    expect(warnings).toEqual([
      '4 warning: 任务（一）中“{"$ne"：1}”不像单位名称，未作为责任单位导入，请核对；如确是责任单位，请在导入后用 /任务 修改 添加',
      '5 warning: 任务（二）中“<script>alert（1）<”不像单位名称，未作为责任单位导入，请核对；如确是责任单位，请在导入后用 /任务 修改 添加',
      '5 warning: 任务（二）中“script>”不像单位名称，未作为责任单位导入，请核对；如确是责任单位，请在导入后用 /任务 修改 添加',
      '6 warning: 任务（三）中“1=1”不像单位名称，未作为责任单位导入，请核对；如确是责任单位，请在导入后用 /任务 修改 添加',
    ]);
  });
});

describe('parseNotice on text holding U+FFFD', () => {
  const notice = parseFixture('garbled.txt');

  it('creates no unit from a garbled name, and a garbled lead leaves the task without a lead rather than promoting the next unit', () => {
    expectNumberedTasks(notice, [
      [1, '（一）', 1, '区应急管理局', []],
      [1, '（二）', 2, null, ['区应急管理局']],
      [1, '（三）', 3, '区消防救援大队', ['各街道办事处']],
      [1, '（四）', 4, '区应急管理局', []],
    ]);
    expect(notice.tasks.flatMap((task) => task.units.map((unit) => unit.name)).filter((name) => name.includes('\uFFFD'))).toEqual([]);
  });

  it('names every line holding it, and each garbled unit name with the command that sets the unit', () => {
    expect(describeDiagnostics(notice)).toEqual([
      '4 warning: 第4行含有无法识别的字符（乱码）：“区应急管理局、区\uFFFD\uFFFD局负责）”，可能是文件编码有误或文件已损坏，请核对原文件，或改为直接粘贴文字',
      '4 warning: 任务（一）的责任单位“区\uFFFD\uFFFD局”含有无法识别的字符（乱码），未作为责任单位导入；请核对原文后用 /任务 修改 指定',
      '5 warning: 第5行含有无法识别的字符（乱码）：“品专项整治。（区\uFFFD政局、区应急管”，可能是文件编码有误或文件已损坏，请核对原文件，或改为直接粘贴文字',
      '5 warning: 任务（二）的责任单位“区\uFFFD政局”含有无法识别的字符（乱码），未作为责任单位导入，该任务暂无牵头单位；请核对原文后用 /任务 修改 指定',
      '6 warning: 第6行含有无法识别的字符（乱码）：“群众自防自救能力\uFFFD。（区消防救援”，可能是文件编码有误或文件已损坏，请核对原文件，或改为直接粘贴文字',
    ]);
  });

  it('names the first lines and the count when the whole text was decoded wrongly', () => {
    const text = [
      '西湖区2026年工作要点',
      '一、重点工作',
      ...Array.from({ length: 8 }, (_, i) => `（${'一二三四五六七八'[i]}）推进\uFFFD\uFFFD工作。（区司法局负责）`),
    ].join('\n');
    const garbled = describeDiagnostics(parseNotice(text)).filter((line) => line.includes('乱码'));
    expect(garbled).toEqual(['3 warning: 第3、4、5、6、7等8行含有无法识别的字符（乱码），可能是文件编码有误或文件已损坏，请核对原文件，或改为直接粘贴文字']);
  });
});

describe('parseNotice on three levels: sections, sub-headings without units, tasks', () => {
  const notice = parseFixture('three-levels.txt');

  it('reads 1. (and （1） under a 1. that names no units) as the tasks, never a sub-heading', () => {
    expectNumberedTasks(notice, [
      [1, '1.', 1, '县行政审批局', ['县政府各部门']],
      [1, '2.', 2, '县司法局', []],
      [1, '1.', 1, '县发改局', []],
      [1, '（1）', 1, '县市场监管局', []],
      [1, '（2）', 2, '县市场监管局', ['县司法局']],
      [2, '1.', 1, '县司法局', []],
      [2, '2.', 2, '县司法局', ['县政府各部门']],
    ]);
    expect(notice.sections.map((section) => section.title)).toEqual(['健全政府机构职能体系', '健全依法行政制度体系']);
    expect(notice.diagnostics).toEqual([]);
  });

  it('keeps each task’s sub-headings as its context', () => {
    expect(notice.tasks.map((task) => task.subheading)).toEqual([
      '（一）深化“放管服”改革',
      '（一）深化“放管服”改革',
      '（二）优化法治化营商环境',
      '（二）优化法治化营商环境 / 2.清理妨碍统一市场和公平竞争的政策措施',
      '（二）优化法治化营商环境 / 2.清理妨碍统一市场和公平竞争的政策措施',
      '（一）加强行政规范性文件监督管理',
      '（一）加强行政规范性文件监督管理',
    ]);
    expect(parseFixture('digit-title.txt').tasks.every((task) => task.subheading === null)).toBe(true);
  });
});

describe('parseNotice on unit names written together with no delimiter', () => {
  const notice = parseFixture('glued-names.txt');

  it('splits them on the endings of unit names, and keeps names that only look glued whole', () => {
    expectNumberedTasks(notice, [
      [1, '（一）', 1, '区财政局', ['区审计局']],
      [1, '（二）', 2, '区审计局', ['区委办', '区政府办']],
      [1, '（三）', 3, '区纪委监委', ['区审计局', '区委宣传部']],
      [1, '（四）', 4, '区审计局', ['区政务服务中心', '各街道办事处']],
      [1, '（五）', 5, '区财政局', ['市公安局交警支队']],
    ]);
  });

  it('says so for each split, naming the command that corrects it', () => {
    expect(describeDiagnostics(notice)).toEqual([
      '4 warning: 任务（一）中“区财政局区审计局”没有分隔符，已按单位名称拆分为“区财政局”“区审计局”，请核对；如拆分有误，请在导入后用 /任务 修改 更正',
      '5 warning: 任务（二）中“区委办区政府办”没有分隔符，已按单位名称拆分为“区委办”“区政府办”，请核对；如拆分有误，请在导入后用 /任务 修改 更正',
      '7 warning: 任务（四）中“区政务服务中心各街道办事处”没有分隔符，已按单位名称拆分为“区政务服务中心”“各街道办事处”，请核对；如拆分有误，请在导入后用 /任务 修改 更正',
    ]);
  });
});

describe('parseNotice on page text swallowed into the last task, and deadlines before the notice was issued', () => {
  const notice = parseFixture('page-tail.txt');

  it('cuts the page text off the task, reads the issue date from it, and warns about both', () => {
    expectNumberedTasks(notice, [
      [1, '（一）', 1, '区法制办', []],
      [1, '（二）', 2, '区委组织部', ['区法制办']],
      [1, '（三）', 3, '区法制办', ['区政府各部门']],
    ]);
    expect(notice.tasks[2]?.text).toBe('落实法治政府建设年度报告制度。（区法制办、区政府各部门负责）');
    expect(notice.issuedOn).toBe('2017-08-15');
    expect(describeDiagnostics(notice)).toEqual([
      '5 warning: 任务（二）“完善法治政府建设考核评价体系”的完成时限“每年第一季度前”计为2017-03-31，早于通知印发日期2017-08-15，请核对；如需调整，请在导入后用 /任务 修改 更正完成时限',
      '6 warning: 行末的“湛江市坡头区人民政府办公室2017年8月15印发分享打印全文”是网页或页面附加内容，已从“落实法治政府建设年度报告…”中删去，请核对',
    ]);
  });

  it('cuts 打印本页, 关闭窗口, 来源： and 发布日期： glued to a task, but keeps a date the task itself names', () => {
    const text = [
      '一、重点工作',
      '（一）推进政务公开。（区政府办公室负责）打印本页 关闭窗口',
      '（二）贯彻落实省政府2017年8月15日印发的实施意见。（区司法局负责）来源：区司法局 发布日期：2017-09-01',
    ].join('\n');
    const parsed = parseNotice(text);
    expect(parsed.tasks.map((task) => task.text)).toEqual([
      '推进政务公开。（区政府办公室负责）',
      '贯彻落实省政府2017年8月15日印发的实施意见。（区司法局负责）',
    ]);
    expect(parsed.diagnostics.filter((diagnostic) => diagnostic.message.includes('网页或页面附加内容'))).toHaveLength(2);
  });
});

describe('parseNotice on task tables', () => {
  it('reads a pasted table with 牵头单位 after 责任单位 (the lead taken out of the supporting units) and a merged unit cell', () => {
    const notice = parseFixture('table-lead-after.txt');
    expectNumberedTasks(notice, [
      [1, '1', 1, '区司法局', ['区财政局', '各镇街']],
      [1, '2', 2, '区市场监管局', ['区城管执法局']],
      [1, '3', 3, '区市场监管局', ['区城管执法局']],
      [1, '4', 4, '区司法局', []],
    ]);
    expect(notice.tasks.map((task) => task.dueDate)).toEqual(['2026-06-30', null, '2026-12-31', null]);
    expect(describeDiagnostics(notice)).toEqual(['7 warning: 第7行表格的责任单位为空，已按合并单元格沿用上一行的“区市场监管局、区城管执法局”，请核对']);
  });

  it('reads the same layouts from a .docx table: columns in any order, a vertically merged cell, glued names and a lead marked in the list', async () => {
    const file = await readNoticeFile(makeDocx(DOCX_TABLE_NOTICE), 'table.docx');
    const notice = parseNotice(file.text);
    expectEveryLineAccounted(file.text, notice);
    expect(notice.sections.map((section) => section.title)).toEqual(['推进严格规范公正文明执法', '强化行政权力制约监督']);
    expectNumberedTasks(notice, [
      [1, '1', 1, '区司法局', ['区财政局', '各镇街']],
      [1, '2', 2, '区市场监管局', ['区城管执法局']],
      [1, '3', 3, '区市场监管局', ['区城管执法局']],
      [2, '4', 4, '区审计局', ['区财政局']],
      [2, '5', 5, '区政府办公室', ['区政务服务中心', '各镇街']],
    ]);
    expect(notice.tasks.map((task) => task.dueDate)).toEqual(['2026-06-30', '2026-09-30', '2026-12-31', null, '2026-12-31']);
    expect(notice.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      expect.stringContaining('已按合并单元格沿用上一行的“区市场监管局、区城管执法局”'),
      expect.stringContaining('“区审计局区财政局”没有分隔符，已按单位名称拆分为“区审计局”“区财政局”'),
    ]);
  });
});

describe('parseNotice on a table that reaches it one cell per line', () => {
  it('reads 序号 / 事项 / 责任单位 / 牵头单位 each on its own line, with heading rows between', () => {
    const notice = parseFixture('table-cell-per-line.txt');
    expect(notice.sections.map((section) => section.title)).toEqual(['推进严格规范公正文明执法', '强化行政权力制约监督']);
    expectNumberedTasks(notice, [
      [1, '1', 1, '区司法局', ['区财政局', '各镇街']],
      [1, '2', 2, '区城管执法局', ['区市场监管局']],
      [2, '3', 3, '区审计局', []],
    ]);
    expect(notice.tasks[1]?.title).toBe('推行柔性执法，制定轻微违法行为不予处罚清单');
    expect(notice.diagnostics).toEqual([]);
  });
});
