import { describe, expect, it } from 'vitest';
import { describeDiagnostics, expectNumberedTasks, parseFixture, type ExpectedNumberedTask } from './helpers.js';

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
