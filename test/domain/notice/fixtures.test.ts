import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../src/domain/notice/index.js';
import { describeDiagnostics, expectEveryLineAccounted, expectTasks, parseFixture, type ExpectedTask } from './helpers.js';

const GOV_DEPTS = '区政府各部门';
const TOWNS = '各镇政府（街道办事处）';

describe('parseNotice on a 法治政府建设工作要点 with unit lists in closing parentheses', () => {
  const notice = parseFixture('trailing-paren-fazhi-2017.txt');

  it('reads the title, year, issuer and the eight sections', () => {
    expect(notice.title).toBe('清河区2017年法治政府建设工作要点');
    expect(notice.year).toBe(2017);
    expect(notice.issuer).toBe('清河区人民政府办公室');
    expect(notice.sections.map((section) => [section.no, section.title])).toEqual([
      [1, '依法全面履行政府职能'],
      [2, '完善依法行政制度体系'],
      [3, '推进行政决策科学化、民主化、法治化'],
      [4, '深化行政执法体制改革'],
      [5, '坚持严格规范公正文明执法'],
      [6, '强化对行政权力的制约和监督'],
      [7, '依法有效化解社会矛盾纠纷'],
      [8, '全面提高政府工作人员法治思维和依法行政能力'],
    ]);
  });

  it('takes the first listed unit as the lead and the rest as supporting, for every one of the 33 tasks', () => {
    const expected: ExpectedTask[] = [
      [1, '（一）', '区编办', [GOV_DEPTS, TOWNS]],
      [1, '（二）', '区编办', ['区法制办', GOV_DEPTS]],
      [1, '（三）', '区市场监管局', ['区行政服务中心']],
      [1, '（四）', '区市场监管局', [GOV_DEPTS]],
      [1, '（五）', '区行政服务中心', ['区经济信息化局', TOWNS]],
      [2, '（一）', '区法制办', [GOV_DEPTS]],
      [2, '（二）', '区法制办', ['区政府办', GOV_DEPTS]],
      [2, '（三）', '区法制办', [GOV_DEPTS]],
      [2, '（四）', '区政府办', ['区法制办']],
      [3, '（一）', '区法制办', ['区政府办']],
      [3, '（二）', '区司法局', ['区法制办', GOV_DEPTS, TOWNS]],
      [3, '（三）', '区法制办', []],
      [3, '（四）', '区监察局', ['区法制办']],
      [4, '（一）', '区编办', ['区城管执法局', '区市场监管局', '区文广旅游局']],
      [4, '（二）', '区法制办', [GOV_DEPTS]],
      [4, '（三）', '区法制办', ['区公安分局', '区检察院', '区政府有关部门']],
      [4, '（四）', '区城管执法局', [TOWNS]],
      [5, '（一）', '区法制办', [GOV_DEPTS]],
      [5, '（二）', GOV_DEPTS, ['区法制办']],
      [5, '（三）', '区法制办', []],
      [5, '（四）', null, [GOV_DEPTS, TOWNS]],
      [6, '（一）', '区政府办', [GOV_DEPTS]],
      [6, '（二）', '区审计局', []],
      [6, '（三）', '区政府办', [GOV_DEPTS, TOWNS]],
      [6, '（四）', '区监察局', ['区人社局']],
      [7, '（一）', '区法制办', []],
      [7, '（二）', '区法制办', [GOV_DEPTS, TOWNS]],
      [7, '（三）', '区司法局', ['区法院', '区信访局', TOWNS]],
      [7, '（四）', '区信访局', [GOV_DEPTS]],
      [8, '（一）', '区政府办', ['区法制办', GOV_DEPTS]],
      [8, '（二）', '区人社局', ['区委组织部', '区司法局']],
      [8, '（三）', '区委组织部', ['区法制办']],
      [8, '（四）', '区法制办', [GOV_DEPTS, TOWNS]],
    ];
    expectTasks(notice, expected);
    expect(notice.tasks.map((task) => task.no)).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
  });

  it('keeps collective names whole and marks them collective', () => {
    const first = notice.tasks[0];
    expect(first?.units).toEqual([
      { name: '区编办', role: 'lead', collective: false },
      { name: GOV_DEPTS, role: 'support', collective: true },
      { name: TOWNS, role: 'support', collective: true },
    ]);
  });

  it('does not take document numbers or periods in parentheses for unit lists', () => {
    const task = notice.tasks[0];
    expect(task?.text).toContain('（国发〔2016〕11号）');
    expect(task?.supporting).not.toContain('国发〔2016〕11号');
  });

  it('reads deadlines from the unit parenthesis and from the text, and normalises them', () => {
    const byPosition = (section: number, no: number) => notice.tasks.find((task) => task.section === section && task.no === no);
    expect([byPosition(1, 1)?.deadline, byPosition(1, 1)?.dueDate]).toEqual(['年内', '2017-12-31']);
    expect([byPosition(1, 2)?.deadline, byPosition(1, 2)?.dueDate]).toEqual(['2017年6月底前', '2017-06-30']);
    expect([byPosition(1, 4)?.deadline, byPosition(1, 4)?.dueDate]).toEqual(['长期坚持', null]);
    expect([byPosition(1, 5)?.deadline, byPosition(1, 5)?.dueDate]).toEqual(['2017年底前', '2017-12-31']);
    expect([byPosition(3, 1)?.deadline, byPosition(3, 1)?.dueDate]).toEqual(['6月底前', '2017-06-30']);
    expect([byPosition(8, 3)?.deadline, byPosition(8, 3)?.dueDate]).toEqual(['每年第一季度前', '2017-03-31']);
    expect(byPosition(2, 3)?.deadline).toBeNull();
  });

  it('finds the measurable targets', () => {
    const targets = notice.tasks.map((task) => task.targets);
    expect(targets[2]).toEqual(['达到50%以上']);
    expect(targets[3]).toEqual(['不低于70%']);
    expect(targets[19]).toEqual(['不少于2次', '达到90%以上']);
    expect(targets[31]).toEqual(['不低于4%']);
  });

  it('gives each task a short title from its first sentence', () => {
    expect(notice.tasks.slice(0, 3).map((task) => task.title)).toEqual(['深化行政审批制度改革', '全面推行权力清单和责任清单制度', '深化商事制度改革']);
  });

  it('reports the one task whose units share the work without a lead, and the yearly deadline already past when the notice was issued', () => {
    expect(notice.issuedOn).toBe('2017-02-20');
    expect(describeDiagnostics(notice)).toEqual([
      '34 warning: 任务（四）“落实行政执法责任制”各单位“按职责分工负责”，没有写明牵头单位，请在导入后用 /任务 修改 指定',
      '52 warning: 任务（四）“落实法治政府建设年度报告制度”的完成时限“每年1月底前”计为2017-01-31，早于通知印发日期2017-02-20，请核对；如需调整，请在导入后用 /任务 修改 更正完成时限',
    ]);
  });
});

describe('parseNotice on numbering that runs on across sections', () => {
  const notice = parseFixture('trailing-paren-running-numbers.txt');

  it('reads every task with its units, separators 、，； alike', () => {
    expectTasks(notice, [
      [1, '1.', '市法制办', ['市住建局', '市城管局']],
      [1, '2.', '市法制办', ['市城管局']],
      [1, '3.', '市法制办', ['市政协办公室', '市工商联']],
      [2, '4.', '市政府办公室', ['市法制办', '各区、县级市人民政府']],
      [2, '5.', '市政府办公室', []],
      [2, '6.', '市司法局', ['市法制办']],
      [3, '7.', '市法制办', ['市各行政执法部门', '各区、县级市人民政府']],
      [3, '8.', '市法制办', []],
      [3, '10.', '市法制办', ['市人社局']],
      [3, '11.', null, []],
      [4, '12.', null, ['市法制办', '市各有关部门']],
      [4, '13.', '市政府办公室', ['市政务服务办', '市各部门']],
      [4, '14.', '市审计局', []],
    ]);
  });

  it('keeps "各区、县级市人民政府" as one collective unit', () => {
    expect(notice.tasks[3]?.units.find((unit) => unit.name === '各区、县级市人民政府')?.collective).toBe(true);
  });

  it('reports the gap, the task without units and the task without a lead, and nothing about running numbers', () => {
    expect(describeDiagnostics(notice)).toEqual([
      '16 warning: “规范行政执法行为”中编号不连续：8.之后是10.，缺少9.',
      '17 error: 任务11.“推进“互联网+监管””没有写明责任单位，请在导入后用 /任务 修改 指定牵头单位',
      '20 warning: 任务12.“做好行政复议和应诉工作”各单位“按职责分工负责”，没有写明牵头单位，请在导入后用 /任务 修改 指定',
    ]);
  });
});

describe('parseNotice on 牵头单位 / 配合单位 lines', () => {
  const notice = parseFixture('lead-fields-2018.txt');

  it('reads lead and supporting units from field lines with full- and half-width colons, or a space', () => {
    expectTasks(notice, [
      [1, '（一）', '县编办', ['县政府各部门']],
      [1, '（二）', '县市场监管局', ['县编办', '县行政审批局']],
      [1, '（三）', '县发改局', ['县市场监管局', '县税务局', '县公安局', '县人社局']],
      [2, '（四）', '县司法局', ['县政府办公室']],
      [2, '（五）', '县司法局', []],
      [2, '（六）', '县司法局', ['县政务服务中心', '县大数据中心']],
      [2, '（七）', '县司法局', ['县人大常委会法工委', '县政协社会法制委员会', '各乡镇人民政府']],
      [3, '（八）', '县司法局', ['县公安局', '县自然资源局', '县生态环境分局', '县住建局', '县交通运输局', '县农业农村局', '县卫健委', '县应急管理局']],
      [3, '（九）', '县司法局', ['县直各行政执法单位']],
      [3, '（十）', '县司法局', ['各乡镇人民政府', '县直有关单位']],
    ]);
  });

  it('takes 牵头领导 as a person, never as a unit', () => {
    expect(notice.tasks[0]?.leaderPerson).toBe('李明华');
    expect(notice.tasks[7]?.leaderPerson).toBe('王芳（副县长）');
    expect(notice.tasks.flatMap((task) => task.units.map((unit) => unit.name))).not.toContain('李明华');
  });

  it('reads 完成时限 lines as written and normalises them', () => {
    expect(notice.tasks.map((task) => [task.deadline, task.dueDate])).toEqual([
      ['2018年6月底前', '2018-06-30'],
      ['2018年底前', '2018-12-31'],
      ['长期坚持', null],
      [null, null],
      ['2018年9月30日前', '2018-09-30'],
      ['2018年12月', '2018-12-31'],
      [null, null],
      ['2018年底前', '2018-12-31'],
      [null, null],
      [null, null],
    ]);
  });

  it('names the issuing body printed above the title', () => {
    expect(notice.issuer).toBe('中共青山县委全面依法治县委员会办公室');
    expect(notice.diagnostics).toEqual([]);
  });
});

describe('parseNotice on 主办单位 / 协办单位 without sections', () => {
  const notice = parseFixture('lead-fields-zhuban.txt');

  it('reads tasks numbered 1、 with inline and line fields', () => {
    expectTasks(notice, [
      [null, '1、', '镇党政办', ['镇便民服务中心', '各村（社区）']],
      [null, '2、', '镇综合行政执法办公室', ['镇派出所', '镇市场监管所']],
      [null, '3、', '镇司法所', []],
      [null, '4、', '镇司法所', ['镇综治办', '镇团委', '镇妇联', '各村（社区）']],
      [null, '5、', '镇司法所', ['镇综治办', '各村（社区）人民调解委员会']],
    ]);
    expect(notice.sections).toEqual([]);
    expect(notice.tasks.map((task) => task.dueDate)).toEqual([null, '2019-09-30', null, '2019-12-31', null]);
  });
});

describe('parseNotice on leads marked inside the list', () => {
  it('reads "X（牵头）、A、B", "A、B牵头，C、D按职责分工负责" and lists with no lead', () => {
    const notice = parseFixture('lead-inside-list.txt');
    expectTasks(notice, [
      [1, '（一）', '区发改局', ['区市场监管局', '区行政审批局', '区税务局']],
      [1, '（二）', '区政务服务数据管理局', ['区大数据中心', '各街道办事处']],
      [1, '（三）', '区行政审批局', ['区编办', '区司法局', '区政府有关部门']],
      [2, '（四）', '区政府办公室', ['区司法局', '区政府各部门', '各街道办事处']],
      [2, '（五）', null, ['区政府各部门', '各街道办事处']],
      [2, '（六）', '区司法局', ['区委组织部', '区人社局']],
      [3, '（七）', null, ['区市场监管局', '区应急管理局', '区城管执法局']],
      [3, '（八）', '区司法局', ['区市场监管局', '区城管执法局', '区生态环境分局']],
      [3, '（九）', '区委编办', ['区司法局']],
    ]);
    expect(notice.tasks[3]?.dueDate).toBe('2020-03-31');
    expect(describeDiagnostics(notice)).toEqual([
      '12 warning: 任务（五）“落实重大行政决策风险评估制度”各单位“按职责分工负责”，没有写明牵头单位，请在导入后用 /任务 修改 指定',
      '17 warning: 任务（七）“开展“综合查一次”联合执法”各单位“按职责分工负责”，没有写明牵头单位，请在导入后用 /任务 修改 指定',
    ]);
  });

  it('reads leads from closing sentences, half-width "(牵头)" and "；" between lead and supporting clauses', () => {
    const notice = parseFixture('lead-inside-list-2.txt');
    expectTasks(notice, [
      [1, '1.', '市委编办', ['市司法局', '市政务服务数据管理局']],
      [1, '2.', '市市场监管局', ['市行政审批局', '市政府有关部门']],
      [1, '3.', '市市场监管局', ['市发改局', '市政府各有关部门']],
      [2, '4.', '市司法局', ['市文明办', '市人大常委会法工委']],
      [2, '5.', '市司法局', ['市政府各部门']],
      [2, '6.', '市司法局', []],
      [3, '7.', null, ['市政府各部门', '各区人民政府']],
      [3, '8.', '市交通运输局', ['市公安局交警支队', '市应急管理局', '各区人民政府']],
    ]);
  });
});

describe('parseNotice on pasted tables', () => {
  it('reads tab-separated rows with section rows spanning the table and a wrapped measure row', () => {
    const notice = parseFixture('table-tab.txt');
    expect(notice.sections.map((section) => section.title)).toEqual(['深入学习贯彻习近平法治思想', '健全政府机构职能体系', '健全依法行政制度体系']);
    expectTasks(notice, [
      [1, '1', '区司法局', ['区政府办公室']],
      [1, '2', '区委组织部', ['区委党校', '区司法局']],
      [2, '3', '区委编办', ['区政府各部门']],
      [2, '4', '区委编办', ['区司法局', '区行政审批局', '各街道办事处']],
      [2, '5', '区发改局', ['区市场监管局', '区行政审批局', '区工商联']],
      [3, '6', '区司法局', ['区政府各部门']],
      [3, '7', '区司法局', ['区政府各部门', '各街道办事处']],
      [3, '8', '区司法局', []],
    ]);
    expect(notice.tasks[3]?.text).toContain('动态调整权责清单并向社会公布');
    expect(notice.tasks[3]?.title).toBe('深化“放管服”改革');
    expect(notice.tasks.map((task) => task.dueDate)).toEqual(['2021-12-31', '2021-12-31', null, '2021-06-30', '2021-12-31', null, '2021-09-30', null]);
    expect(notice.diagnostics).toEqual([]);
  });

  it('reads | separated rows with a 责任单位 column where "（牵头）" marks the lead', () => {
    const notice = parseFixture('table-pipe.txt');
    expectTasks(notice, [
      [1, '1', '区司法局', ['区政府各行政执法部门']],
      [1, '2', '区司法局', []],
      [1, '3', '区委编办', ['区司法局', TOWNS]],
      [2, '4', '区司法局', []],
      [2, '5', '区司法局', ['区法院', GOV_DEPTS]],
      [2, '6', null, ['区政府办公室', '区政务服务中心', GOV_DEPTS]],
    ]);
    expect(notice.tasks[1]?.deadline).toBe('2022年6月底前、11月底前');
    expect(notice.tasks[1]?.dueDate).toBe('2022-11-30');
  });
});

describe('parseNotice on nested numbering', () => {
  it('makes the level that names units the tasks: （一） groups, 1. tasks, （1） text', () => {
    const notice = parseFixture('nested-numbering.txt');
    expectTasks(notice, [
      [1, '1.', '区编办', ['区行政审批局']],
      [1, '2.', '区行政审批局', ['区发改局', '区市场监管局']],
      [1, '3.', '区行政审批局', ['区司法局']],
      [1, '1.', '区市场监管局', ['区政府有关部门']],
      [1, '2.', '区发改局', ['区人民银行']],
      [1, '（三）', '区发改局', ['区民政局', '区教育局', '区卫健局']],
      [2, '1.', '区司法局', [GOV_DEPTS]],
      [2, '2.', '区司法局', []],
      [2, '1.', '区司法局', ['区人大常委会法工委']],
    ]);
    expect(notice.tasks[1]?.text).toBe(
      '规范行政审批中介服务。\n（1）清理规范中介服务事项，公布保留的中介服务事项清单；\n（2）建立中介服务网上交易平台；\n（3）加强对中介机构的监督管理。\n（区行政审批局、区发改局、区市场监管局负责）',
    );
    expect(notice.diagnostics).toEqual([]);
  });

  it('keeps sub-items in their task, and reads a section without units as text with a warning', () => {
    const notice = parseFixture('nested-subitems.txt');
    expect(notice.sections.map((section) => section.title)).toEqual(['总体要求', '主要任务', '保障措施']);
    expectTasks(notice, [
      [2, '（一）', '市司法局', ['市政府办公室']],
      [2, '（二）', '市委编办', ['市司法局']],
      [2, '（三）', '市司法局', []],
      [2, '（四）', '市发改局', ['市人民银行临江中心支行', '市政府各部门']],
    ]);
    expect(notice.tasks[0]?.text.split('\n')).toHaveLength(4);
    expect(describeDiagnostics(notice)).toEqual([
      '14 warning: 任务（三）“提升执法规范化水平”的子项另外写了责任单位，已一并归入该任务，请核对',
      '19 warning: “保障措施”部分的3个条目没有写明责任单位，未作为任务导入；如需督办，请在条目后写明责任单位',
    ]);
  });
});

describe('parseNotice on text damaged by copying', () => {
  it('repairs PDF line breaks inside unit names and numbers, mixed widths and page numbers', () => {
    const notice = parseFixture('damaged-pdf.txt');
    expect(notice.title).toBe('清河区2017年依法行政工作要点');
    expectTasks(notice, [
      [1, '（一）', '区法制办', ['区政府办', '区发改局']],
      [1, '（二）', '区法制办', [GOV_DEPTS, TOWNS]],
      [1, '（三）', '区法制办', []],
      [2, '（四）', '区法制办', ['区城管执法局', '区市场监管局', '区环保局', '区安监局']],
      [2, '（五）', '区法制办', ['区人社局']],
      [2, '（六）', null, [GOV_DEPTS, TOWNS]],
      [3, '（七）', '区审计局', []],
      [3, '（八）', '区政府办', ['区政务服务中心', TOWNS]],
    ]);
    expect(notice.tasks[1]?.deadline).toBe('2017年9月底前');
    expect(notice.tasks[2]?.targets).toEqual(['达到100%']);
    expect(notice.tasks[4]?.targets).toEqual(['不少于3次']);
    expect(describeDiagnostics(notice)[0]).toBe('16 warning: 已忽略3行页码（第16、25、30行）');
  });

  it('repairs field lines broken across lines', () => {
    const notice = parseFixture('damaged-pdf-fields.txt');
    expect(notice.title).toBe('平安县2019年法治政府建设工作任务分工方案');
    expectTasks(notice, [
      [1, '（一）', '县政府办公室', ['县司法局', '县发改局', '县财政局']],
      [1, '（二）', '县司法局', ['县政府各部门']],
      [2, '（三）', '县司法局', ['县公安局', '县市场监管局', '县自然资源局', '县生态环境分局', '县交通运输局']],
      [2, '（四）', '县司法局', []],
    ]);
    expect(notice.tasks[0]?.dueDate).toBe('2019-06-30');
    expect(notice.tasks[2]?.dueDate).toBe('2019-12-31');
  });

  it('ignores web-page debris around the notice and says so', () => {
    const notice = parseFixture('web-copy.txt');
    expect(notice.title).toBe('清河区2018年法治政府建设工作要点');
    expect(notice.issuer).toBe('清河区人民政府办公室');
    expectTasks(notice, [
      [1, '（一）', '区行政审批局', ['区大数据局', TOWNS]],
      [1, '（二）', '区司法局', [GOV_DEPTS]],
      [2, '（三）', '区政府办公室', ['区司法局']],
      [2, '（四）', '区司法局', []],
      [3, '（五）', '区司法局', ['区政府各行政执法部门']],
    ]);
    expect(notice.diagnostics).toHaveLength(1);
    expect(notice.diagnostics[0]?.message).toMatch(/^已忽略9行网页附加内容/);
  });

  it('converts traditional characters', () => {
    const notice = parseFixture('traditional.txt');
    expect(notice.title).toBe('清河区2017年法治政府建设工作要点');
    expectTasks(notice, [
      [1, '（一）', '区编办', [GOV_DEPTS, TOWNS]],
      [1, '（二）', '区编办', ['区法制办']],
      [2, '（三）', '区法制办', [GOV_DEPTS]],
      [2, '（四）', '区法制办', ['区政府办', '区档案馆']],
      [3, '（五）', '区政府办', ['区政务服务中心', TOWNS]],
      [3, '（六）', '区审计局', []],
    ]);
  });

  it('converts a traditional-character table with half-width parentheses', () => {
    const notice = parseFixture('traditional-table.txt');
    expectTasks(notice, [
      [1, '1', '区政府办公室', ['区司法局']],
      [1, '2', '区司法局', []],
      [2, '3', '区司法局', ['区市场监管局', '区环保局']],
      [2, '4', null, [GOV_DEPTS]],
    ]);
    expect(notice.tasks[2]?.dueDate).toBe('2020-03-31');
    expect(notice.tasks[3]?.dueDate).toBe('2020-12-31');
  });
});

describe('parseNotice on a cover letter before the notice', () => {
  it('skips the cover letter with its own 一、二、三、 and starts at the notice title', () => {
    const notice = parseFixture('cover-letter.txt');
    expect(notice.title).toBe('松原区2020年法治政府建设工作要点');
    expect(notice.issuer).toBe('松原区人民政府办公室');
    expect(notice.sections).toHaveLength(3);
    expectTasks(notice, [
      [1, '（一）', '区行政审批局', ['区政务服务中心']],
      [1, '（二）', '区市场监管局', ['区政府有关部门']],
      [2, '（三）', '区司法局', []],
      [2, '（四）', '区司法局', [GOV_DEPTS]],
      [3, '（五）', '区司法局', ['区政府各行政执法部门']],
      [3, '（六）', '区委编办', ['区司法局', '各镇人民政府、街道办事处']],
    ]);
    for (const line of [1, 2, 4, 6, 7, 8, 9, 10, 12, 13, 15]) expect(notice.lineAccounting[line - 1]?.kind).toBe('header');
    expect(notice.diagnostics).toEqual([]);
  });

  it('finds the notice after a cover letter that has no 关于印发 heading', () => {
    const notice = parseFixture('cover-letter-unnamed.txt');
    expect(notice.title).toBe('平湖县2021年依法治县工作要点');
    expect(notice.issuer).toBe('中共平湖县委全面依法治县委员会办公室');
    expectTasks(notice, [
      [1, '1.', '县委依法治县办', ['县委组织部']],
      [1, '2.', '县委依法治县办', []],
      [2, '3.', '县司法局', ['县直各单位', '各镇（街道）']],
      [2, '4.', '县司法局', ['县行政审批局']],
      [3, '5.', '县司法局', ['县委宣传部']],
      [3, '6.', '县司法局', ['县民政局', '各镇（街道）']],
    ]);
  });
});

describe('parseNotice diagnostics', () => {
  const notice = parseFixture('problems.txt');

  it('reports an unnumbered task, an orphan unit line, a duplicate, a gap, a task without units and an unreadable unit', () => {
    expect(describeDiagnostics(notice)).toEqual([
      '3 warning: 第3行像是一项任务，但没有编号，未导入：“加强组织领导，健全工作机制。（区司法局负责）”',
      '4 warning: 第4行像是任务的责任单位，但前面没有任务编号，未导入：“牵头单位：区委依法治区办”',
      '9 warning: “完善依法行政制度体系”中编号（二）重复出现（第8行已有），请核对',
      '10 error: 任务（四）“推进政府立法公众参与”没有写明责任单位，请在导入后用 /任务 修改 指定牵头单位',
      '10 warning: “完善依法行政制度体系”中编号不连续：（二）之后是（四），缺少（三）',
      '12 warning: 任务（一）中“加强督促检查”不像单位名称，未作为责任单位导入，请核对；如确是责任单位，请在导入后用 /任务 修改 添加',
      '13 warning: “规范行政执法”中编号不连续：（一）之后是（三），缺少（二）',
    ]);
  });

  it('accounts the unreadable lines to their diagnostics', () => {
    expect(notice.lineAccounting[2]).toEqual({ line: 3, kind: 'diagnostic', ref: 0 });
    expect(notice.lineAccounting[3]).toEqual({ line: 4, kind: 'diagnostic', ref: 1 });
  });

  it('still reads the tasks around the problems', () => {
    expectTasks(notice, [
      [1, '（一）', '区司法局', []],
      [1, '（二）', '区司法局', [GOV_DEPTS]],
      [1, '（二）', '区司法局', ['区大数据中心']],
      [1, '（四）', null, []],
      [2, '（一）', '区司法局', []],
      [2, '（三）', '区城管执法局', ['各街道办事处']],
    ]);
  });

  it('says so when a text holds no task at all', () => {
    const empty = parseNotice('这是一段普通的文字。\n没有任何编号。');
    expect(empty.tasks).toEqual([]);
    expect(empty.diagnostics.some((diagnostic) => diagnostic.severity === 'error' && diagnostic.message.startsWith('没有找到任何任务'))).toBe(true);
  });
});

describe('parseNotice on a long generated notice', () => {
  it('reads 1,000 tasks numbered （一） to （五十） in twenty sections, in every format, without a diagnostic', async () => {
    const { generateNotice } = await import('../../../bench/parse.js');
    const text = generateNotice(1000);
    const notice = parseNotice(text);
    expectEveryLineAccounted(text, notice);
    expect(notice.diagnostics).toEqual([]);
    expect(notice.sections).toHaveLength(20);
    expect(notice.sections[19]?.title).toBe('第20方面重点工作');
    expect(notice.tasks).toHaveLength(1000);
    expect(notice.tasks.slice(45, 52).map((task) => [task.section, task.label, task.no])).toEqual([
      [1, '（四十六）', 46],
      [1, '（四十七）', 47],
      [1, '（四十八）', 48],
      [1, '（四十九）', 49],
      [1, '（五十）', 50],
      [2, '（一）', 1],
      [2, '（二）', 2],
    ]);
    for (const task of notice.tasks) {
      expect(task.leads).toHaveLength(1);
      expect(task.supporting).toHaveLength(2);
    }
  });
});

describe('parseNotice on units written on a section heading', () => {
  const notice = parseFixture('section-heading-units.txt');

  it('gives the heading units to the tasks under it that name none, and keeps tasks that name their own', () => {
    expect(notice.sections.map((section) => section.title)).toEqual([
      '深入学习宣传习近平新时代中国特色社会主义思想',
      '落实“谁执法谁普法”普法责任制',
      '加强基层法治建设',
    ]);
    expectTasks(notice, [
      [1, '（一）', '区委宣传部', ['区司法局']],
      [1, '（二）', '区教育局', []],
      [1, '（三）', '区委宣传部', ['区司法局']],
      [2, '（四）', '区司法局', [GOV_DEPTS]],
      [2, '（五）', '区司法局', [GOV_DEPTS]],
      [3, '（六）', '区民政局', ['区司法局']],
    ]);
  });

  it('says it did so, once per heading', () => {
    expect(describeDiagnostics(notice)).toEqual([
      '3 warning: “深入学习宣传习近平新时代中国特色…”的标题写明了责任单位（区委宣传部、区司法局牵头），已用于其下2项未写明单位的任务，请核对',
      '7 warning: “落实“谁执法谁普法”普法责任制”的标题写明了责任单位（区司法局牵头，区政府各部门按职责分工负责），已用于其下2项未写明单位的任务，请核对',
    ]);
  });
});
