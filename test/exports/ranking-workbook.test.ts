import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { TaskStatusRow } from '../../src/app/ranking/index.js';
import { buildRankingWorkbook } from '../../src/exports/index.js';
import { buildFixtureReport } from './ranking-fixture.js';

async function openWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

describe('buildRankingWorkbook', () => {
  const report = buildFixtureReport();

  it('has the ranking, the breakdown, the task status and the rules as sheets', async () => {
    const workbook = await openWorkbook(await buildRankingWorkbook(report));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['排名', '得分明细', '任务状态', '评分规则']);
  });

  it('lists every unit with its rank and score under a titled header', async () => {
    const sheet = (await openWorkbook(await buildRankingWorkbook(report))).getWorksheet('排名');
    if (!sheet) throw new Error('no 排名 sheet');
    expect(sheet.getCell('A1').value).toBe('2026年第一季度考核排名');
    expect(rowValues(sheet, 2).slice(0, 5)).toEqual(['类别', '名次', '单位', '得分', '并列']);
    expect(rowValues(sheet, 3).slice(0, 4)).toEqual(['部门', 1, '区市场监督管理局', 102.4]);
    expect(rowValues(sheet, 6).slice(0, 4)).toEqual(['镇街', 1, '东湖镇', 101.8]);
    const last = rowValues(sheet, 2 + report.units.length);
    expect(last.slice(0, 3)).toEqual(['部门', '不参加排名', '区财政局']);
    expect(last.at(-1)).toBe('本期没有考核任务，不参加排名');
  });

  it('writes every score item, adding up to the unit’s score', async () => {
    const sheet = (await openWorkbook(await buildRankingWorkbook(report))).getWorksheet('得分明细');
    if (!sheet) throw new Error('no 得分明细 sheet');
    expect(rowValues(sheet, 2)).toEqual(['类别', '单位', '项目', '任务', '分值', '说明']);
    const byUnit = new Map<string, number>();
    sheet.eachRow((row, index) => {
      if (index <= 2) return;
      const [, , name, , , points] = row.values as unknown[];
      byUnit.set(String(name), (byUnit.get(String(name)) ?? 0) + Math.round(Number(points) * 100));
    });
    for (const unit of report.units) expect(byUnit.get(unit.name), unit.name).toBe(Math.round(unit.score * 100));
  });

  it('lists every unit’s part in every task with its status and local submission time', async () => {
    const sheet = (await openWorkbook(await buildRankingWorkbook(report))).getWorksheet('任务状态');
    if (!sheet) throw new Error('no 任务状态 sheet');
    expect(rowValues(sheet, 2).slice(0, 10)).toEqual(['报送周期', '序号', '任务', '任务名称', '所属部分', '完成时限', '单位', '类别', '角色', '状态']);
    expect(sheet.rowCount).toBe(2 + report.tasks.length);
    const first = rowValues(sheet, 3);
    expect(first.slice(0, 11)).toEqual([
      '2026年第一季度',
      1,
      '（一）',
      '深入学习贯彻习近平法治思想',
      '加强党的领导',
      '',
      '区司法局',
      '部门',
      '牵头',
      '推进中',
      '60%',
    ]);
    expect(first[14]).toBe('2026-03-20 10:00');
    const missing = [] as string[];
    sheet.eachRow((row, index) => {
      const values = row.values as unknown[];
      if (index > 2 && values[10] === '未报送') missing.push(`${String(values[3])}${String(values[7])}`);
    });
    expect(missing).toEqual(['（一）西山镇', '（四）西山镇']);
  });

  it('keeps text that looks like a formula as text: Text format and quotePrefix, never a formula', async () => {
    const hostile = ['=HYPERLINK("http://example.invalid","点击查看")', '+1+1', '-1+1', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];
    const base = buildFixtureReport();
    // Each of the first rows gets a report carrying hostile text (a row with none borrows another's).
    const anyReport = base.tasks.find((row) => row.report)?.report;
    if (!anyReport) throw new Error('the fixture has no report');
    const withHostileText = (row: TaskStatusRow, text: string) => ({ ...row, report: { ...(row.report ?? anyReport), text } });
    const withText = { ...base, tasks: base.tasks.map((row, i) => (hostile[i] === undefined ? row : withHostileText(row, hostile[i]))) };
    const buffer = await buildRankingWorkbook(withText);
    const sheet = (await openWorkbook(buffer)).getWorksheet('任务状态');
    if (!sheet) throw new Error('no 任务状态 sheet');
    const progress = (index: number) => sheet.getRow(3 + index).getCell(16);
    hostile.forEach((text, i) => {
      // A carriage return comes back as a line feed: XML's line-end normalisation, not the workbook's doing.
      const expected = { type: ExcelJS.ValueType.String, value: text.replace(/\r/g, '\n'), numFmt: '@' };
      expect({ type: progress(i).type, value: progress(i).value, numFmt: progress(i).numFmt }).toEqual(expected);
    });
    // Ordinary text keeps the general format.
    expect(progress(hostile.length).value).toMatch(/^第\d+项进展$/);
    expect(progress(hostile.length).numFmt).toBeUndefined();

    // quotePrefix, which ExcelJS does not read back, is on the cell format of each of those cells.
    const parts = unzipSync(new Uint8Array(buffer));
    const cellFormats = [
      ...strFromU8(parts['xl/styles.xml']!)
        .split('<cellXfs')[1]!
        .matchAll(/<xf [^>]*>/g),
    ].map((match) => match[0]);
    const sheetXml = strFromU8(parts['xl/worksheets/sheet3.xml']!);
    const formatOf = (ref: string) => cellFormats[Number(/ s="(\d+)"/.exec(new RegExp(`<c r="${ref}"[^>]*>`).exec(sheetXml)?.[0] ?? '')?.[1])];
    hostile.forEach((_, i) => expect(formatOf(`P${3 + i}`)).toContain('quotePrefix="1"'));
    expect(formatOf(`P${3 + hostile.length}`) ?? '').not.toContain('quotePrefix');
    expect(sheetXml).not.toMatch(/<f[ >]/);
  });
});
