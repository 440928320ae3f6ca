import { afterAll, describe, expect, it } from 'vitest';
import { generateNotice } from '../../bench/parse.js';
import { UserError } from '../../src/errors.js';
import { NOTICE_LIMITS, NoticeFileError, NoticeWorkerPool, parseNoticeOffThread, readNoticeFile, readNoticeFileOffThread } from '../../src/files/index.js';
import {
  makeContentStreamBombPdf,
  makeEmptyParagraphBomb,
  makeLyingTextRunBomb,
  makeManyEntryDocx,
  makeManyParagraphDocx,
  measureEventLoopGaps,
  measureRssGrowth,
} from './support/hostile-files.js';

/**
 * What a hostile upload may cost the bot's process. Reading one on its own thread starts that thread (about
 * 60 MB for V8, tsx, mammoth and pdf.js); the bombs of issue 12 took 2.2 and 4.8 GB before failing.
 */
const MEMORY_BOUND_MB = 250;
const TIME_BOUND_MS = 10_000;

function expectRefusal(result: unknown, code: string, text: RegExp): UserError {
  expect(result).toBeInstanceOf(UserError);
  const error = result as UserError;
  expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.stringMatching(text) });
  expect(error.message).toMatch(/[\u4e00-\u9fff]{10}/);
  return error;
}

describe('a .docx zip bomb', () => {
  it('whose document.xml inflates to 100 MB of empty paragraphs is refused from its central directory, in bounded time and memory', async () => {
    const bomb = makeEmptyParagraphBomb(100);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const { result, growthMb, ms } = await measureRssGrowth(() => readNoticeFileOffThread(bomb, '工作要点.docx'));
    const error = expectRefusal(result, 'inflated_too_large', /解压后.*word\/document\.xml.*100 MB.*超过单个部分 20 MB 的上限/);
    expect(error).toBeInstanceOf(NoticeFileError);
    expect(error.message).toContain('压缩炸弹');
    expect(ms).toBeLessThan(TIME_BOUND_MS);
    expect(growthMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('whose one text run inflates to 1 GB while the zip claims 1 MB is stopped as soon as it passes its claim', async () => {
    const { docx, inflatedSize } = makeLyingTextRunBomb(1024, 1024 * 1024);
    expect(inflatedSize).toBeGreaterThan(1024 * 1024 * 1024 - 1024);
    const { result, growthMb, ms } = await measureRssGrowth(() => readNoticeFileOffThread(docx, '工作要点.docx'));
    expectRefusal(result, 'inflated_too_large', /实际大小超过了文件自己声明的大小/);
    expect(ms).toBeLessThan(TIME_BOUND_MS);
    expect(growthMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('that claims 15 MB (under every limit) and inflates to 1 GB is stopped at 15 MB, on the bot thread too (the CLI reads there)', async () => {
    const { docx } = makeLyingTextRunBomb(1024, 15 * 1024 * 1024);
    const { result, growthMb, ms } = await measureRssGrowth(() => readNoticeFile(docx, '工作要点.docx'));
    expectRefusal(result, 'inflated_too_large', /实际大小超过了文件自己声明的大小（“word\/document\.xml”声明 15 MB）/);
    expect(ms).toBeLessThan(TIME_BOUND_MS);
    expect(growthMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('that inflates 650-fold within the size limits is refused for its ratio', async () => {
    const result = await readNoticeFile(makeEmptyParagraphBomb(19), 'a.docx').catch((error: unknown) => error);
    expectRefusal(result, 'inflated_too_large', /会膨胀 \d{3,} 倍，超过 100 倍的上限/);
  });

  it('with more entries than any .docx has is refused before any is read', async () => {
    const result = await readNoticeFile(makeManyEntryDocx(NOTICE_LIMITS.docxEntries + 1), 'a.docx').catch((error: unknown) => error);
    expectRefusal(result, 'too_many_entries', /包含 1001 个内部文件，超过 1000 个的上限/);
  });
});

describe('a .docx of 100,000 paragraphs', () => {
  it('is refused by counting its paragraphs before the .docx reader builds them, in bounded time and memory', async () => {
    const docx = makeManyParagraphDocx(100_000);
    const { result, growthMb, ms } = await measureRssGrowth(() => readNoticeFileOffThread(docx, '工作要点.docx'));
    expectRefusal(result, 'too_many_paragraphs', /有 100000 个段落，超过 30000 段的上限/);
    expect(ms).toBeLessThan(TIME_BOUND_MS);
    expect(growthMb).toBeLessThan(MEMORY_BOUND_MB);
  });
});

describe('a notice of 10,000 tasks', () => {
  const text = generateNotice(10_000);

  it('is refused as a file for its length, naming the limit', async () => {
    const { result, growthMb, ms } = await measureRssGrowth(() => readNoticeFileOffThread(new Uint8Array(Buffer.from(text, 'utf8')), '工作要点.txt'));
    expectRefusal(result, 'too_long', /文本过长：内容有 \d+ 字，超过每份工作要点 100 万字的上限/);
    expect(ms).toBeLessThan(TIME_BOUND_MS);
    expect(growthMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('is refused as pasted text for its length, before any parsing', async () => {
    expectRefusal(await parseNoticeOffThread(text).catch((error: unknown) => error), 'notice_too_long', /超过每份工作要点 100 万字的上限/);
  });

  it('of 3,000 tasks, within the length limit, is parsed off the event loop and refused for its task count', async () => {
    const { result, maxBlockedMs } = await measureEventLoopGaps(() => parseNoticeOffThread(generateNotice(3_000)));
    expectRefusal(result, 'too_many_tasks', /识别出 3000 项任务，超过每份工作要点 2000 项的上限/);
    expect(maxBlockedMs).toBeLessThan(100);
  });

  it('of 2,000 tasks, the most allowed, is parsed in full off the event loop', async () => {
    const { result, maxBlockedMs } = await measureEventLoopGaps(() => parseNoticeOffThread(generateNotice(NOTICE_LIMITS.tasks)));
    expect(result).toMatchObject({ tasks: expect.any(Array) });
    expect((result as { tasks: unknown[] }).tasks).toHaveLength(2_000);
    // Receiving the parsed notice (1.2 MB of objects) is the bot thread's part: 30–70 ms. Parsing it there took 600 ms.
    expect(maxBlockedMs).toBeLessThan(150);
  });
});

describe('reading and parsing off the event loop', () => {
  it('keeps the event loop ticking every 10 ms while a large .docx is read', async () => {
    // 25,000 paragraphs is under the limit and takes the .docx reader seconds: long enough to see the loop run.
    const docx = makeManyParagraphDocx(25_000);
    const { result, maxBlockedMs, ticks } = await measureEventLoopGaps(() => readNoticeFileOffThread(docx, '工作要点.docx'));
    expect(result).toMatchObject({ kind: 'docx', text: expect.stringContaining('第25000段说明文字') });
    expect(ticks).toBeGreaterThan(20);
    expect(maxBlockedMs).toBeLessThan(100);
  });
});

describe('NoticeWorkerPool', () => {
  const pools: NoticeWorkerPool[] = [];
  const pool = (options: ConstructorParameters<typeof NoticeWorkerPool>[0]) => {
    const created = new NoticeWorkerPool(options);
    pools.push(created);
    return created;
  };
  afterAll(async () => {
    await Promise.all(pools.map((created) => created.close()));
  });

  it('terminates a job past its time limit, says so in Chinese, and serves the next job on a fresh thread', async () => {
    const limited = pool({ size: 1, timeLimitMs: 100 });
    await limited.run({ kind: 'parse', text: '（一）推进工作。（区司法局负责）' });
    const error = await limited.run({ kind: 'parse', text: generateNotice(8_000) }).catch((caught: unknown) => caught);
    expectRefusal(error, 'parse_timeout', /解析工作要点超过 0\.1 秒仍未完成，已停止/);
    expect(limited.threads).toBe(0);
    const notice = await limited.run({ kind: 'parse', text: '（一）推进工作。（区司法局负责）' });
    expect(notice.tasks).toHaveLength(1);
  });

  it('stops a thread that runs out of its heap, says so in Chinese, and leaves the process running', async () => {
    const small = pool({ size: 1, heapMb: 16 });
    const error = await small.run({ kind: 'read', bytes: makeManyParagraphDocx(25_000), filename: 'a.docx' }).catch((caught: unknown) => caught);
    expectRefusal(error, 'too_complex', /读取文件所需内存超过上限（16 MB），已停止/);
    expect(small.threads).toBe(0);
  });

  it('stops a PDF whose content stream inflates to 2 GB once the process has gained its memory budget, with the event loop free', async () => {
    // pdf.js checks no sizes and inflates into binary buffers, which V8's heap limit does not count: the pool
    // watches the process's memory instead (768 MB by default, 128 MB here).
    const watched = pool({ size: 1, memoryBudgetMb: 128 });
    const pdf = makeContentStreamBombPdf(2048);
    expect(pdf.byteLength).toBeLessThan(4 * 1024 * 1024);
    const { result, maxBlockedMs } = await measureEventLoopGaps(() =>
      measureRssGrowth(() => watched.run({ kind: 'read', bytes: pdf, filename: '工作要点.pdf' })),
    );
    if (result instanceof Error) throw result;
    expectRefusal(result.result, 'too_complex', /读取文件所需内存超过上限（128 MB），已停止/);
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
    expect(result.growthMb).toBeLessThan(MEMORY_BOUND_MB);
    expect(maxBlockedMs).toBeLessThan(100);
    expect(watched.threads).toBe(0);
  });

  it('refuses a job at once when too many are waiting', async () => {
    const busy = pool({ size: 1, maxQueue: 1 });
    const first = busy.run({ kind: 'parse', text: generateNotice(500) });
    const second = busy.run({ kind: 'parse', text: generateNotice(500) });
    expectRefusal(await busy.run({ kind: 'parse', text: '（一）x' }).catch((caught: unknown) => caught), 'parse_busy', /请稍等一分钟后重试/);
    expect((await first).tasks).toHaveLength(500);
    expect((await second).tasks).toHaveLength(500);
  });
});
