import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftAnnualReport } from '../../src/app/reports/annual-report.js';
import type { Storage } from '../../src/db/database.js';
import type { AnnualReportDraft } from '../../src/domain/reports/index.js';
import { buildAnnualReportDocx } from '../../src/exports/index.js';
import { ManualClock, testAppContext } from '../support/app-context.js';
import { openMigratedStorage, storageKinds } from '../support/storage.js';
import { seedRankingWorkspace, unitNames, type SeededWorkspace } from '../app/ranking/seed-ranking-workspace.js';

describe.each(storageKinds)('the annual report draft on %s', (kind) => {
  let storage: Storage;
  let seeded: SeededWorkspace;
  let draft: AnnualReportDraft;
  let text: string;
  let documentXml: string;
  let headerXml: string;

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    seeded = await seedRankingWorkspace(storage.db);
    // A second-quarter report: 区教育局 is stuck on （三）.
    await storage.db
      .insertInto('progress_reports')
      .values({
        workspace_id: seeded.workspaceId,
        task_id: seeded.taskIds[2] ?? 0,
        unit_id: seeded.unitIds.education,
        period_id: seeded.periodIds.q2,
        status: 'blocked',
        body: '缺少专业审核人员。',
        first_submitted_at: '2026-06-20T02:00:00Z',
        last_submitted_at: new Date('2026-06-20T02:00:00Z'),
      })
      .execute();
    const ctx = testAppContext(storage.db, new ManualClock(new Date('2027-01-10T02:00:00Z')));
    draft = await draftAnnualReport(ctx, { workspaceId: seeded.workspaceId, year: 2026 });
    const docx = await buildAnnualReportDocx(draft);
    text = (await mammoth.extractRawText({ buffer: docx })).value;
    const zip = await JSZip.loadAsync(docx);
    documentXml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    headerXml = (await Promise.all(zip.file(/^word\/header\d*\.xml$/).map((file) => file.async('string')))).join('');
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('drafts the year’s report from the workspace’s region, sections and reports', () => {
    expect(draft.title).toBe('清河区2026年度法治政府建设情况报告');
    expect(draft.asOf).toBe('2026-12-31');
    expect(draft.work.sections.map((section) => section.heading)).toEqual(['（一）加强党的领导', '（二）健全依法行政制度体系']);
    expect(draft.problems.items.map((item) => item.label)).toEqual(['（三）']);
    expect(draft.problems.items[0]?.text).toContain('区教育局反映推进受阻，缺少专业审核人员');
  });

  it('names the members of a collective that reported, and those that owed a report and sent none', () => {
    const first = draft.work.sections[0]?.tasks[0];
    expect(first?.contributions.map((c) => c.unitName)).toEqual([
      unitNames.justice,
      unitNames.development,
      unitNames.donghu,
      unitNames.nanqiao,
      unitNames.beiling,
    ]);
    expect(first?.silentUnitNames).toEqual([unitNames.xishan]);
    expect(text).toContain('西山镇尚未报送进展。');
    expect(text).not.toContain('其他单位尚未报送');
  });

  it('writes a .docx with the title, the draft notice and the three parts', () => {
    expect(text).toContain('清河区2026年度法治政府建设情况报告');
    expect(text).toContain('【草稿】');
    expect(text).toContain('仅为草稿，须经人工核实、修改后方可使用');
    const parts = ['一、工作开展情况', '二、存在的问题', '三、下一步工作打算'].map((heading) => text.indexOf(heading));
    expect(parts.every((index) => index > 0)).toBe(true);
    expect([...parts].sort((a, b) => a - b)).toEqual(parts);
  });

  it('puts each section and the units’ reports under 一、工作开展情况', () => {
    const work = text.slice(text.indexOf('一、工作开展情况'), text.indexOf('二、存在的问题'));
    expect(work).toContain('（一）加强党的领导');
    expect(work).toContain('（二）健全依法行政制度体系');
    expect(work).toContain('区司法局（牵头，完成50%）：组织专题学习3次。');
    for (const name of [unitNames.development, unitNames.education, unitNames.labour, unitNames.donghu, unitNames.nanqiao]) expect(work).toContain(name);
    const nextSteps = text.slice(text.indexOf('三、下一步工作打算'));
    expect(nextSteps).toContain('继续加强行政规范性文件合法性审核，由区教育局牵头，区司法局配合');
  });

  it('marks every page as a draft in its header and uses Chinese fonts', () => {
    expect(headerXml).toContain('草稿　仅供修改，不得直接印发');
    expect(documentXml).toContain('w:eastAsia="仿宋"');
    expect(documentXml).toContain('w:eastAsia="黑体"');
  });

  it('refuses a year with no notice imported', async () => {
    const ctx = testAppContext(storage.db);
    await expect(draftAnnualReport(ctx, { workspaceId: seeded.workspaceId, year: 2030 })).rejects.toMatchObject({ code: 'no_tasks_for_year' });
  });
});
