import { describe, expect, it } from 'vitest';
import type { InteractionHandle } from 'localcord';
import { renderMessageText } from '../../src/sandbox/render-message.js';
import { makeEmptyParagraphBomb, makeLyingTextRunBomb, makeManyParagraphDocx, measureEventLoopGaps } from '../files/support/hostile-files.js';
import { useBotStack, type BotStack, type OtherGuild } from './support/bot-stack.js';

/**
 * Another county's administrator runs /tasks again and again, each as soon as the last was answered, until
 * `busy` settles: whenever the bot's event loop is held, one of these is waiting and misses its 3 seconds.
 */
async function askUntilSettled(s: BotStack, other: OtherGuild, busy: Promise<unknown>): Promise<{ answered: number; slowestMs: number }> {
  let settled = false;
  void busy.finally(() => {
    settled = true;
  });
  let answered = 0;
  let slowestMs = 0;
  while (!settled) {
    const handle: InteractionHandle = other.run('tasks');
    expect(await s.seen(handle)).toContain('本服务器尚未导入工作要点');
    slowestMs = Math.max(slowestMs, handle.acknowledgedAfterMs ?? Number.POSITIVE_INFINITY);
    answered++;
  }
  return { answered, slowestMs };
}

describe('/notice import of hostile files while another server uses the bot', () => {
  const stack = useBotStack();

  const setUp = (s: BotStack) =>
    s.once('coordinators', async () => {
      await s.run('admin', 'setup', { coordinators: s.world.roles.coordinators.id, leaders: s.world.roles.leaders.id }).waitForReply();
    });

  it('answers the other server within 3 s while a 100 MB zip bomb is imported, and refuses the bomb in Chinese', async () => {
    const s = stack();
    await setUp(s);
    const other = s.addGuild('别的区');
    const { result, maxGapMs } = await measureEventLoopGaps(async () => {
      const bomb = s.run('coordinator', 'notice import', { file: { filename: '工作要点.docx', bytes: makeEmptyParagraphBomb(100) } });
      const refused = bomb.waitForReply(30_000);
      const asked = await askUntilSettled(s, other, refused);
      return { refusal: renderMessageText(await refused), asked };
    });
    if (result instanceof Error) throw result;
    expect(result.refusal).toContain('超过单个部分 20 MB 的上限');
    expect(result.refusal).toContain('压缩炸弹');
    expect(result.refusal).not.toMatch(/错误编号/);
    expect(result.asked.answered).toBeGreaterThan(0);
    expect(result.asked.slowestMs).toBeLessThan(3_000);
    expect(maxGapMs).toBeLessThan(1_000);
    expect(await s.storage.db.selectFrom('notices').select('id').execute()).toEqual([]);
  });

  it('refuses a 1 GB text run that claims 1 MB, as soon as it passes its claim', async () => {
    const s = stack();
    await setUp(s);
    const { docx } = makeLyingTextRunBomb(1024, 1024 * 1024);
    const text = renderMessageText(await s.run('coordinator', 'notice import', { file: { filename: '工作要点.docx', bytes: docx } }).waitForReply(30_000));
    expect(text).toContain('实际大小超过了文件自己声明的大小');
    expect(await s.storage.db.selectFrom('notices').select('id').execute()).toEqual([]);
  });

  it('keeps answering the other server, each within 3 s, for the seconds a large .docx takes to read', async () => {
    const s = stack();
    await setUp(s);
    const other = s.addGuild('另一个区');
    // Under every limit (25,000 paragraphs), and seconds of work for the .docx reader: the other server's
    // commands are answered many times over while it runs on its own thread.
    const reading = s.run('coordinator', 'notice import', { file: { filename: '工作要点.docx', bytes: makeManyParagraphDocx(25_000) } });
    const answer = reading.waitForReply(60_000);
    const asked = await askUntilSettled(s, other, answer);
    expect(renderMessageText(await answer)).toContain('没有识别出任何任务');
    expect(asked.answered).toBeGreaterThan(3);
    expect(asked.slowestMs).toBeLessThan(3_000);
  });
});
