import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listControls, renderMessageText } from '../../src/sandbox/render-message.js';
import { useBotStack, type BotStack } from './support/bot-stack.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/notices');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));
// A notice is parsed in a worker thread whose first start can take seconds on a busy machine.
const PARSE_WAIT_MS = 20_000;

describe('/notice import', () => {
  const stack = useBotStack();

  // The coordinators and a known unit with an old alias, set up once for whichever test runs first.
  const setUp = (s: BotStack) =>
    s.once('coordinators and units', async () => {
      await s.run('admin', 'setup', { coordinators: s.world.roles.coordinators.id, leaders: s.world.roles.leaders.id }).waitForReply();
      await s.run('coordinator', 'unit add', { name: '区司法局', category: 'department' }).waitForReply();
      await s.run('coordinator', 'unit add', { name: '区机构编制委员会办公室', category: 'department' }).waitForReply();
    });

  it('refuses a liaison, and stores nothing', async () => {
    const s = stack();
    await setUp(s);
    const text = await s.seen(
      s.run('liaison', 'notice import', { file: { filename: 'a.txt', bytes: fixture('trailing-paren-fazhi-2017.txt') } }),
      PARSE_WAIT_MS,
    );
    expect(text).toContain('此操作仅限督办人');
    expect(await s.storage.db.selectFrom('notices').select('id').execute()).toEqual([]);
  });

  it('refuses a file that is not a notice with a clear message, and stores nothing', async () => {
    const s = stack();
    await setUp(s);
    const text = await s.seen(
      s.run('coordinator', 'notice import', { file: { filename: 'notice.docx', bytes: fixture('generated/junk.bin') } }),
      PARSE_WAIT_MS,
    );
    expect(text).toMatch(/文件|无法/);
    expect(text).not.toMatch(/错误编号/);
    expect(await s.storage.db.selectFrom('notices').select('id').execute()).toEqual([]);
  });

  it('refuses a paste with no tasks in it', async () => {
    const s = stack();
    await setUp(s);
    const text = await s.seen(s.run('coordinator', 'notice import', { text: '关于做好年终总结的通知。请各单位认真准备。' }), PARSE_WAIT_MS);
    expect(text).toContain('没有识别出任何任务');
  });

  it('reads .docx and .pdf files by their content', async () => {
    const s = stack();
    await setUp(s);
    const docx = await s.seen(
      s.run('coordinator', 'notice import', { file: { filename: 'notice.docx', bytes: fixture('generated/notice.docx') } }),
      PARSE_WAIT_MS,
    );
    expect(docx).toContain('(Word 文档)');
    expect(docx).toMatch(/共 \*\*\d+\*\* 个部分、\*\*[1-9]\d*\*\* 项任务/);
    // A PDF sent with a misleading name is still read as a PDF.
    const pdf = await s.seen(
      s.run('coordinator', 'notice import', { file: { filename: 'notice.txt', bytes: fixture('generated/notice.pdf') } }),
      PARSE_WAIT_MS,
    );
    expect(pdf).toContain('(PDF 文件)');
    const scanned = await s.seen(
      s.run('coordinator', 'notice import', { file: { filename: 'scan.pdf', bytes: fixture('generated/scanned.pdf') } }),
      PARSE_WAIT_MS,
    );
    expect(scanned).not.toContain('导入预览');
    expect(await s.storage.db.selectFrom('notices').select('id').execute()).toEqual([]);
  });

  it('previews a notice with its tasks and new units, paged', async () => {
    const s = stack();
    await setUp(s);
    const handle = s.run('coordinator', 'notice import', { file: { filename: '工作要点.txt', bytes: fixture('trailing-paren-fazhi-2017.txt') } });
    const preview = await handle.waitForReply(PARSE_WAIT_MS);
    const text = await s.seen(handle);
    expect(text).toContain('导入预览:清河区2017年法治政府建设工作要点');
    expect(text).toContain('年度:**2017**');
    expect(text).toMatch(/将新建的单位\(\d+\)/);
    expect(text).toContain('牵头:区编办');
    const labels = listControls(preview).map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['上一页', '下一页', '确认导入', '取消']));
    const next = await s.click('coordinator', preview, '下一页').waitForReply();
    expect(renderMessageText(next)).toContain('第 2/');
    expect(await s.storage.db.selectFrom('tasks').select('id').execute()).toEqual([]);
  });

  it('imports on confirmation, creating the missing units in the same transaction', async () => {
    const s = stack();
    await setUp(s);
    const preview = await s
      .run('coordinator', 'notice import', { file: { filename: '工作要点.txt', bytes: fixture('trailing-paren-fazhi-2017.txt') } })
      .waitForReply(PARSE_WAIT_MS);
    const done = await s.click('coordinator', preview, '确认导入').waitForReply();
    const text = done.embeds?.[0]?.description ?? '';
    expect(text).toMatch(/已导入 2017 年工作要点\(第 1 版\)/);
    const tasks = await s.storage.db.selectFrom('tasks').select(['seq', 'title']).orderBy('seq').execute();
    expect(tasks.length).toBeGreaterThan(10);
    const lead = await s.storage.db
      .selectFrom('task_units')
      .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
      .innerJoin('units', 'units.id', 'task_units.unit_id')
      .select('units.name')
      .where('tasks.seq', '=', 1)
      .where('task_units.role', '=', 'lead')
      .executeTakeFirstOrThrow();
    expect(lead.name).toBe('区编办');
  });

  it('cancels a preview without storing anything', async () => {
    const s = stack();
    await setUp(s);
    const notices = await s.storage.db.selectFrom('notices').select('id').execute();
    const preview = await s
      .run('coordinator', 'notice import', { text: '清河区2026年法治政府建设工作要点\n一、总体要求\n（一）加强法治宣传教育。（区司法局负责）' })
      .waitForReply(PARSE_WAIT_MS);
    const cancelled = await s.click('coordinator', preview, '取消').waitForReply();
    expect(cancelled.content).toContain('已取消导入');
    expect(await s.storage.db.selectFrom('notices').select('id').execute()).toEqual(notices);
  });

  it('takes a long paste through a form when no file or text is given', async () => {
    const s = stack();
    await setUp(s);
    const handle = s.run('coordinator', 'notice import');
    const modal = await handle.modal();
    expect(modal.title).toBe('粘贴工作要点');
    const submitted = s.lc.submitModal({
      userId: s.userId('coordinator'),
      from: handle,
      fields: { text: '一、依法行政\n（一）开展行政执法案卷评查，每半年不少于1次。（区司法局、区城管局负责）', year: '2026' },
    });
    const text = await s.seen(submitted);
    expect(text).toContain('年度:**2026**');
    expect(text).toContain('牵头:区司法局;配合:区城管局');
  });

  it('accepts an alias suggestion so an old name maps to the existing unit', async () => {
    const s = stack();
    await setUp(s);
    const handle = s.run('coordinator', 'notice import', { text: '清河区2026年工作要点\n一、机构\n（一）完善机构编制管理。（区机构编制办负责）' });
    const preview = await handle.waitForReply(PARSE_WAIT_MS);
    const select = listControls(preview).find((c) => c.kind === 'select');
    expect(select?.options?.map((o) => o.value)).toContain('区机构编制办=区机构编制委员会办公室');
    const chosen = await s.lc
      .selectMenu({ messageId: preview.id, customId: select!.customId, userId: s.userId('coordinator'), values: ['区机构编制办=区机构编制委员会办公室'] })
      .waitForReply();
    const done = await s.click('coordinator', chosen, '确认导入').waitForReply();
    expect(done.embeds?.[0]?.description).toContain('新增别名:区机构编制办→区机构编制委员会办公室');
  });
});
