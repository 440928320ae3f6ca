import { describe, expect, it } from 'vitest';
import { renderMessageText } from '../../src/sandbox/render-message.js';
import { useBotStack } from './support/bot-stack.js';

const notice = `清河区2026年法治政府建设工作要点
一、依法全面履行政府职能
（一）深化“放管服”改革，年内取消调整一批行政审批事项。（区政务服务中心、区政府各部门负责。列第一位者为牵头单位，下同）
（二）推进镇街综合行政执法改革，2026年6月底前完成。（城关镇、东城街道、区司法局负责）
（三）完善权责清单动态调整机制。（区编办、区司法局负责）
二、推进严格规范公正文明执法
${Array.from({ length: 12 }, (_, i) => `（${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'][i]}）开展第${i + 1}批行政执法案卷评查，评查率不低于${80 + i}%。（区司法局、区市场监管局负责）`).join('\n')}
`;

describe('/tasks and /task', () => {
  const stack = useBotStack();

  /** The workspace set up, the notice imported and the liaison bound to 城关镇: what binding answered. */
  const imported = () => {
    const s = stack();
    return s.once('imported', async () => {
      await s.run('admin', 'setup', { coordinators: s.world.roles.coordinators.id, leaders: s.world.roles.leaders.id }).waitForReply();
      const preview = await s.run('coordinator', 'notice import', { text: notice }).waitForReply();
      await s.click('coordinator', preview, '确认导入').waitForReply();
      return s.seen(s.run('coordinator', 'unit bind', { unit: '城关镇', user: s.userId('liaison') }));
    });
  };

  it('has a notice imported and a liaison bound to 城关镇', async () => {
    expect(await imported()).toContain('绑定为“城关镇”的联络员');
  });

  it('lists every task to a leader, ten a page, with leads', async () => {
    const s = stack();
    await imported();
    const handle = s.run('leader', 'tasks');
    const text = await s.seen(handle);
    expect(text).toContain('2026 年任务(共 15 项)');
    expect(text).toContain('**1.** 一（一） 深化“放管服”改革');
    expect(text).toContain('牵头:区政务服务中心 · 未报送');
    expect(text).not.toContain('**11.**');
    const next = await s.click('leader', await handle.waitForReply(), '下一页').waitForReply();
    expect(renderMessageText(next)).toContain('**11.**');
  });

  it('filters by unit and by section', async () => {
    const s = stack();
    await imported();
    const byUnit = await s.seen(s.run('coordinator', 'tasks', { unit: '区编办' }));
    expect(byUnit).toContain('(共 1 项)');
    expect(byUnit).toContain('完善权责清单动态调整机制');
    const bySection = await s.seen(s.run('coordinator', 'tasks', { section: 1 }));
    expect(bySection).toContain('(共 3 项)');
    const unknown = await s.seen(s.run('coordinator', 'tasks', { unit: '区不存在局' }));
    expect(unknown).toContain('单位目录中没有“区不存在局”');
  });

  it('shows a liaison only the tasks of their own unit', async () => {
    const s = stack();
    await imported();
    const text = await s.seen(s.run('liaison', 'tasks'));
    expect(text).toContain('本单位(城关镇)');
    expect(text).toContain('(共 1 项)');
    expect(text).toContain('推进镇街综合行政执法改革');
  });

  it('shows one task in full with its lead, supporting units and deadline', async () => {
    const s = stack();
    await imported();
    const text = await s.seen(s.run('liaison', 'task show', { number: '2' }));
    expect(text).toContain('【第 2 项 一（二） 推进镇街综合行政执法改革');
    expect(text).toContain('▸ 牵头单位:城关镇');
    expect(text).toContain('▸ 配合单位:东城街道、区司法局');
    expect(text).toContain('2026-06-30');
    expect(text).toContain('尚无单位报送进展');
  });

  it('refuses a liaison a task of another unit, and anyone an unknown or malformed number', async () => {
    const s = stack();
    await imported();
    expect(await s.seen(s.run('liaison', 'task show', { number: '3' }))).toContain('第 3 项任务不属于你所在的单位');
    expect(await s.seen(s.run('coordinator', 'task show', { number: '99' }))).toContain('2026 年没有第 99 项任务');
    expect(await s.seen(s.run('coordinator', 'task show', { number: "1' OR 1=1 --" }))).toContain('任务编号应为数字');
    // Full-width digits, as a Chinese input method types them, are the same number.
    expect(await s.seen(s.run('coordinator', 'task show', { number: '１' }))).toContain('【第 1 项');
    expect(await s.seen(s.run('outsider', 'task show', { number: '1' }))).toContain('你还不是本服务器督办工作的成员');
  });

  it('suggests tasks by number or words, at most 25', async () => {
    const s = stack();
    await imported();
    const ask = (typed: string, persona: 'coordinator' | 'liaison' = 'coordinator') =>
      s.lc
        .runAutocomplete({
          userId: s.userId(persona),
          channelId: s.world.channels.general.id,
          name: 'task show',
          options: { number: typed },
          focused: 'number',
        })
        .choices();
    expect((await ask('1')).map((c) => c.value)).toEqual(['1', '10', '11', '12', '13', '14', '15']);
    expect((await ask('权责')).map((c) => c.name)).toEqual(['3. 完善权责清单动态调整机制']);
    expect((await ask('')).length).toBe(15);
    expect((await ask('', 'liaison')).map((c) => c.value)).toEqual(['2']);
  });
});
