import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ChannelType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { slashCommands } from '../../commands/index.js';
import type { OptionInputs } from 'localcord';
import { renderMessageText } from '../../src/sandbox/render-message.js';
import type { PersonaName } from '../../src/sandbox/sandbox-world.js';
import { ONE_PIXEL_PNG, writeZip } from '../fixtures/make-fixtures.js';
import { expectClearRefusal, expectNoPings, hostile, otherGuild, refused, unchanged } from './support/bad-input.js';
import { useBotStack, type BotStack } from './support/bot-stack.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/notices');
const fixture = (name: string) => readFileSync(path.join(fixtures, name));
const notice = '清河区2026年工作要点\n一、依法行政\n（一）开展行政执法案卷评查。（区司法局、城关镇负责）\n（二）推进政务公开。（区司法局负责）';

describe('bad input: every command refuses it clearly and changes nothing', () => {
  const stack = useBotStack();

  const run = (s: BotStack, persona: PersonaName, name: string, options: OptionInputs = {}) => s.run(persona, name, options);

  // A set-up county with units, a liaison and a notice, made once for whichever test runs first.
  const setUp = (s: BotStack) =>
    s.once('county', async () => {
      await s.run('admin', 'setup', { coordinators: s.world.roles.coordinators.id, leaders: s.world.roles.leaders.id, region: '清河区' }).waitForReply();
      await s.run('coordinator', 'unit add', { name: '区司法局', category: 'department' }).waitForReply();
      await s.run('coordinator', 'unit add', { name: '城关镇', category: 'township' }).waitForReply();
      await s.run('coordinator', 'unit add', { name: '东城街道', category: 'township' }).waitForReply();
      await s.run('coordinator', 'unit bind', { unit: '城关镇', user: s.userId('liaison') }).waitForReply();
      const preview = await s.run('coordinator', 'notice import', { text: notice }).waitForReply();
      await s.click('coordinator', preview, '确认导入').waitForReply();
      expect(await s.storage.db.selectFrom('tasks').select('id').execute()).toHaveLength(2);
    });

  describe('empty values', () => {
    it('refuses blank names, aliases, members and task numbers', async () => {
      const s = stack();
      await setUp(s);
      await unchanged(s, async () => {
        await refused(s, run(s, 'coordinator', 'unit add', { name: '', category: 'department' }), '单位名称');
        await refused(s, run(s, 'coordinator', 'unit add', { name: '   ', category: 'department' }), '单位名称');
        await refused(s, run(s, 'coordinator', 'unit alias', { unit: '区司法局', alias: ' ' }), '别名');
        await refused(s, run(s, 'coordinator', 'unit alias', { unit: '', alias: '区法制局' }), '单位');
        await refused(s, run(s, 'coordinator', 'unit collective', { name: '各镇政府', members: '、,, ;' }), /成员|单位/);
        await refused(s, run(s, 'coordinator', 'unit collective', { name: '', members: '城关镇' }));
        await refused(s, run(s, 'coordinator', 'unit bind', { unit: '城关镇' }), '只选择一项');
        await refused(s, run(s, 'coordinator', 'task show', { number: '' }), '任务编号');
        await refused(s, run(s, 'coordinator', 'task show', { number: '  ' }), '任务编号');
        await refused(s, run(s, 'coordinator', 'notice import', { text: ' \n\t ' }), /没有识别出任何任务|文本|内容/);
      });
    });

    it('saves nothing when /setup is run with nothing to set', async () => {
      const s = stack();
      await setUp(s);
      await unchanged(s, async () => {
        const text = await s.seen(run(s, 'admin', 'setup'));
        expect(text).toContain('督办设置');
        expectClearRefusal(text);
        await s.seen(run(s, 'admin', 'setup', { region: '   ' }));
      });
    });

    it('refuses an empty paste in the form, and a form with a bad year', async () => {
      const s = stack();
      await setUp(s);
      await unchanged(s, async () => {
        const opened = run(s, 'coordinator', 'notice import');
        expect((await opened.modal()).title).toBe('粘贴工作要点');
        // Discord's client will not submit a required input left empty.
        expect(() => s.lc.submitModal({ userId: s.userId('coordinator'), from: opened, fields: { text: '', year: '' } })).toThrow();
        const blank = s.lc.submitModal({ userId: s.userId('coordinator'), from: opened, fields: { text: ' '.repeat(20), year: '' } });
        await refused(s, blank, /没有识别出任何任务|内容/);
        const again = run(s, 'coordinator', 'notice import');
        await again.modal();
        await refused(s, s.lc.submitModal({ userId: s.userId('coordinator'), from: again, fields: { text: notice, year: '二〇二六' } }), '年度');
      });
    });
  });

  describe('over-long values', () => {
    it('never lets past Discord’s limits reach the bot (the local server refuses what Discord would)', () => {
      const s = stack();
      expect(() => run(s, 'coordinator', 'unit add', { name: '区'.repeat(51), category: 'department' })).toThrow(/at most 50/);
      expect(() => run(s, 'coordinator', 'unit collective', { name: '各镇', members: '城'.repeat(2001) })).toThrow(/at most 2000/);
      expect(() => run(s, 'coordinator', 'notice import', { text: '一'.repeat(6001) })).toThrow(/at most 6000/);
      expect(() => run(s, 'coordinator', 'task show', { number: '1'.repeat(101) })).toThrow(/at most 100/);
      expect(() => run(s, 'coordinator', 'tasks', { unit: '区'.repeat(51) })).toThrow(/at most 50/);
      expect(() => run(s, 'admin', 'setup', { region: '区'.repeat(21) })).toThrow(/at most 20/);
      expect(() => run(s, 'coordinator', 'audit', { limit: 501 })).toThrow(/at most 500/);
      expect(() => run(s, 'coordinator', 'tasks', { section: 100 })).toThrow(/at most 99/);
      expect(() => run(s, 'coordinator', 'notice import', { year: 2101 })).toThrow(/at most 2100/);
    });

    it('refuses values just under the limits that are still not valid', async () => {
      const s = stack();
      await setUp(s);
      await unchanged(s, async () => {
        await refused(s, run(s, 'coordinator', 'unit add', { name: `${'区'.repeat(48)}@!`, category: 'department' }), '单位名称只能包含');
        await refused(s, run(s, 'coordinator', 'unit alias', { unit: '区司法局', alias: `${'法'.repeat(48)}😀` }), '只能包含');
        await refused(s, run(s, 'coordinator', 'unit collective', { name: '各镇政府', members: `城关镇、${'乡'.repeat(1990)}` }), /单位/);
        await refused(s, run(s, 'coordinator', 'task show', { number: '9'.repeat(100) }), '任务编号');
        await refused(s, run(s, 'coordinator', 'task show', { number: '99999' }), /没有|找不到|不存在/);
        await refused(s, run(s, 'coordinator', 'tasks', { unit: '区'.repeat(50) }), '单位目录中没有');
        await refused(s, run(s, 'coordinator', 'notice import', { text: 'A'.repeat(6000) }), '没有识别出任何任务');
        await refused(s, run(s, 'admin', 'setup', { region: `${'区'.repeat(17)}[x]` }), '地区名称');
      });
    });

    it('refuses a 4,000-character paste of noise in the form', async () => {
      const s = stack();
      await setUp(s);
      await unchanged(s, async () => {
        const opened = run(s, 'coordinator', 'notice import');
        await opened.modal();
        await refused(
          s,
          s.lc.submitModal({ userId: s.userId('coordinator'), from: opened, fields: { text: '噪'.repeat(4000), year: '' } }),
          '没有识别出任何任务',
        );
      });
    });
  });

  describe('wrong types', () => {
    it('never lets a wrong type reach the bot', () => {
      const s = stack();
      expect(() => run(s, 'coordinator', 'task show', { number: 5 })).toThrow(/takes a string/);
      expect(() => run(s, 'coordinator', 'audit', { limit: 'ten' })).toThrow(/takes a number/);
      expect(() => run(s, 'coordinator', 'audit', { limit: 1.5 })).toThrow(/integer/);
      expect(() => run(s, 'coordinator', 'tasks', { section: 0 })).toThrow(/at least 1/);
      expect(() => run(s, 'coordinator', 'unit add', { name: '区教育局', category: 'ministry' })).toThrow(/must be one of/);
      expect(() => run(s, 'coordinator', 'tasks', { status: 'deleted' })).toThrow(/must be one of/);
      expect(() => run(s, 'coordinator', 'unit bind', { unit: '城关镇', role: s.userId('liaison') })).toThrow(/no role/);
      expect(() => run(s, 'coordinator', 'notice import', { file: 'notice.docx' })).toThrow(/takes a file/);
    });

    it('refuses text where a number is meant, and things that are not people or text channels', async () => {
      const s = stack();
      await setUp(s);
      const voice = s.lc.createChannel(s.world.guild.id, { name: '语音', type: ChannelType.GuildCategory });
      expect(() => run(s, 'coordinator', 'unit bind', { unit: '城关镇', channel: voice.id })).toThrow(/channel type/);
      await unchanged(s, async () => {
        for (const number of ['abc', '一', '1.5', '-1', '0', '1e3', '0x10', '1 OR 1=1']) {
          await refused(s, run(s, 'coordinator', 'task show', { number }), '任务编号');
        }
        await refused(s, run(s, 'coordinator', 'unit bind', { unit: '城关镇', user: s.client.user!.id }), '机器人');
        await refused(s, run(s, 'coordinator', 'unit bind', { unit: '城关镇', role: s.world.guild.everyoneRoleId }), '@everyone');
        await refused(s, run(s, 'coordinator', 'unit unbind', { unit: '东城街道', user: s.userId('leader') }), '没有这项绑定');
      });
    });
  });

  describe('hostile values', () => {
    it('refuses SQL, mentions, links and invisible characters in names, and stores none of them', async () => {
      const s = stack();
      await setUp(s);
      await unchanged(s, async () => {
        for (const name of Object.values(hostile)) {
          const text = await s.seen(run(s, 'coordinator', 'unit add', { name, category: 'department' }));
          expectClearRefusal(text, /单位名称只能包含|已存在|别名/);
          await refused(s, run(s, 'coordinator', 'unit alias', { unit: '区司法局', alias: name }));
          await refused(s, run(s, 'coordinator', 'unit collective', { name, members: '城关镇' }));
          await refused(s, run(s, 'coordinator', 'tasks', { unit: name }), /单位目录中没有|只能包含/);
          await refused(s, run(s, 'coordinator', 'task show', { number: name }), '任务编号');
          await refused(s, run(s, 'admin', 'setup', { region: name.slice(0, 20) }), '地区名称');
        }
      });
      expect(await s.storage.db.selectFrom('units').select('id').execute()).toHaveLength(3);
    });

    it('does not ping anyone or render a link when it repeats what was typed', async () => {
      const s = stack();
      await setUp(s);
      const handle = run(s, 'coordinator', 'tasks', { unit: '@everyone' });
      expectNoPings(await handle.waitForReply());
    });

    it('refuses a pasted notice of SQL, mentions and links without storing a preview', async () => {
      const s = stack();
      await setUp(s);
      await unchanged(s, async () => {
        await refused(s, run(s, 'coordinator', 'notice import', { text: Object.values(hostile).join('\n').repeat(50) }), '没有识别出任何任务');
      });
    });

    it('refuses a 10 MB text file with a clear message, and one just over 10 MB before reading it', async () => {
      const s = stack();
      await setUp(s);
      await unchanged(s, async () => {
        const line = '关于做好年终总结工作的通知，请各单位认真准备材料。\n';
        const tenMb = Buffer.alloc(10 * 1024 * 1024, 'x');
        tenMb.write(line.repeat(1000));
        await refused(s, run(s, 'coordinator', 'notice import', { file: { filename: 'big.txt', bytes: tenMb, contentType: 'text/plain' } }), '文本过长');
        const over = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
        await refused(s, run(s, 'coordinator', 'notice import', { file: { filename: 'huge.txt', bytes: over } }), '10 MB');
      });
    });
  });

  describe('files that are not what they claim', () => {
    const png = ONE_PIXEL_PNG;
    const cases: { what: string; filename: string; bytes: () => Uint8Array; says: RegExp }[] = [
      { what: 'a .docx that is a PNG', filename: '工作要点.docx', bytes: () => png, says: /图片/ },
      {
        what: 'a .pdf that is plain text, not a notice',
        filename: '工作要点.pdf',
        bytes: () => Buffer.from('这不是PDF，只是一段说明文字。\n请各单位认真准备。'),
        says: /没有识别出任何任务/,
      },
      { what: 'a .pdf whose body is broken', filename: '工作要点.pdf', bytes: () => fixture('generated/corrupt.pdf'), says: /PDF|损坏|无法/ },
      { what: 'a password-protected .pdf', filename: 'secret.pdf', bytes: () => fixture('generated/encrypted.pdf'), says: /密码|加密/ },
      { what: 'a password-protected .docx', filename: 'secret.docx', bytes: () => fixture('generated/encrypted.docx'), says: /密码|加密/ },
      { what: 'a .docx that is broken', filename: 'broken.docx', bytes: () => fixture('generated/corrupt.docx'), says: /损坏|无法/ },
      {
        what: 'a .docx that is a spreadsheet',
        filename: '表格.docx',
        bytes: () =>
          writeZip([
            { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
            { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
          ]),
        says: /Excel/,
      },
      { what: 'a .txt that is binary', filename: 'notice.txt', bytes: () => fixture('generated/junk.bin'), says: /无法识别/ },
      { what: 'an empty file', filename: 'empty.txt', bytes: () => new Uint8Array(0), says: /空的/ },
      {
        what: 'a .html page with only script',
        filename: 'page.html',
        bytes: () => Buffer.from('<html><body><script>alert(1)</script></body></html>'),
        says: /空的|没有识别出任何任务/,
      },
    ];
    for (const c of cases) {
      it(`refuses ${c.what}`, async () => {
        const s = stack();
        await setUp(s);
        await unchanged(s, async () => {
          await refused(s, run(s, 'coordinator', 'notice import', { file: { filename: c.filename, bytes: c.bytes() } }), c.says);
        });
      });
    }

    it('refuses a file together with pasted text', async () => {
      const s = stack();
      await setUp(s);
      await unchanged(s, async () => {
        await refused(
          s,
          run(s, 'coordinator', 'notice import', { file: { filename: 'a.txt', bytes: Buffer.from(notice) }, text: notice }),
          '只提供文件或文本中的一种',
        );
      });
    });
  });

  describe('a liaison trying every coordinator action', () => {
    it('is refused each one, with the reason', async () => {
      const s = stack();
      await setUp(s);
      await unchanged(s, async () => {
        const attempts: [string, OptionInputs][] = [
          ['unit add', { name: '区教育局', category: 'department' }],
          ['unit alias', { unit: '城关镇', alias: '城关' }],
          ['unit collective', { name: '各镇政府', members: '城关镇、东城街道' }],
          ['unit bind', { unit: '城关镇', user: s.userId('outsider') }],
          ['unit unbind', { unit: '城关镇', user: s.userId('liaison') }],
          ['notice import', { text: notice }],
          ['notice import', { file: { filename: 'n.txt', bytes: Buffer.from(notice) } }],
          ['notice import', {}],
          ['audit', {}],
        ];
        for (const persona of ['liaison', 'leader'] as const) {
          for (const [name, options] of attempts) await refused(s, run(s, persona, name, options), '此操作仅限督办人');
          // /setup is hidden from non-administrators in Discord; the bot refuses it even when shown.
          s.lc.registerCommands(
            slashCommands.map((c) => (c.definition.name === 'setup' ? { ...c.definition, default_member_permissions: null } : c.definition)),
            s.world.guild.id,
          );
          await refused(s, run(s, persona, 'setup', { region: '别处' }), '只有服务器管理员');
          s.lc.registerCommands(
            slashCommands.map((c) => c.definition),
            s.world.guild.id,
          );
        }
        // The liaison reads only their own unit's work.
        await refused(s, run(s, 'liaison', 'tasks', { unit: '区司法局' }), '联络员只能查看本单位的任务');
        await refused(s, run(s, 'liaison', 'task show', { number: '2' }), /本单位|无权|只能/);
      });
    });

    it('cannot press a coordinator’s preview buttons: they are not theirs to see', async () => {
      const s = stack();
      await setUp(s);
      const preview = await run(s, 'coordinator', 'notice import', { text: notice }).waitForReply();
      await unchanged(s, async () => {
        for (const label of ['确认导入', '取消']) expect(() => s.click('liaison', preview, label)).toThrow(/ephemeral for another user/);
      });
      await s.click('coordinator', preview, '取消').waitForReply();
    });

    it('gets a clear answer, not a crash, from the button of a preview that has expired', async () => {
      const s = stack();
      await setUp(s);
      const preview = await run(s, 'coordinator', 'notice import', { text: notice }).waitForReply();
      expect(renderMessageText(preview, { controls: true })).toContain('确认导入');
      // What the expiry sweep does to a preview nobody confirmed.
      await s.storage.db.deleteFrom('drafts').execute();
      await unchanged(s, async () => {
        await refused(s, s.click('coordinator', preview, '确认导入'), '已过期或已处理');
      });
    });
  });

  describe('a member of another guild', () => {
    it('cannot act in this guild or press its buttons', async () => {
      const s = stack();
      await setUp(s);
      const { owner } = otherGuild(s);
      const preview = await run(s, 'coordinator', 'notice import', { text: notice }).waitForReply();
      expect(() => s.lc.runSlashCommand({ userId: owner.id, channelId: s.world.channels.general.id, name: 'tasks' })).toThrow();
      expect(() => s.lc.clickButton({ messageId: preview.id, customId: 'notice:confirm:x', userId: owner.id })).toThrow();
      await s.click('coordinator', preview, '取消').waitForReply();
    });

    it('sees none of this workspace’s data from their own guild, and cannot bind this guild’s people or channels', async () => {
      const s = stack();
      await setUp(s);
      const { owner, guild, runThere } = otherGuild(s);
      // Their workspace is made on their first command; from then on nothing of ours may change.
      await s.seen(runThere('unit list'));
      await unchanged(s, async () => {
        expectClearRefusal(await s.seen(runThere('tasks', { unit: '区司法局' })), /尚未导入工作要点|单位目录中没有/);
        expectClearRefusal(await s.seen(runThere('task show', { number: '1' })), '尚未导入工作要点');
        const audit = await s.seen(runThere('audit'));
        expect(audit).toContain('暂无操作记录');
        expect(audit).not.toContain('区司法局');
        const list = await s.seen(runThere('unit list'));
        expect(list).not.toContain('城关镇');
        const choices = await s.lc
          .runAutocomplete({ userId: owner.id, channelId: guild.defaultChannelId, name: 'task show', options: { number: '1' }, focused: 'number' })
          .choices();
        expect(choices).toEqual([]);
        const units = await s.lc
          .runAutocomplete({ userId: owner.id, channelId: guild.defaultChannelId, name: 'unit bind', options: { unit: '城' }, focused: 'unit' })
          .choices();
        expect(units).toEqual([]);
        expect(() => runThere('unit bind', { unit: '城关镇', channel: s.world.channels.unit.id })).toThrow(/no such channel/);
        expect(() => runThere('unit bind', { unit: '城关镇', role: s.world.roles.liaisons.id })).toThrow(/no role/);
      });
      const theirs = await s.storage.db.selectFrom('workspaces').select('id').where('guild_id', '=', guild.id).executeTakeFirst();
      expect(theirs).toBeDefined();
      const user = await s.seen(runThere('unit add', { name: '城关镇', category: 'township' }));
      expect(user).toContain('已添加单位“城关镇”');
      await refused(s, runThere('unit bind', { unit: '城关镇', user: s.userId('liaison') }), '不是本服务器的成员');
    });
  });
});
