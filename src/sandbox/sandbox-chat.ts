import { commandRef } from '../command-names.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InteractionResponseType, type APIMessage, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { InteractionHandle, Localcord, MessageEvent } from 'localcord';
import { parseSlashLine, splitWords, type NameDirectory } from './command-line.js';
import { renderMarkup, type MarkupContext } from './discord-markup.js';
import { readLocalUpload } from './local-files.js';
import { explainLocalError } from './local-errors.js';
import { fillForm } from './modal-form.js';
import { listControls, renderMessageText } from './render-message.js';
import { worldDirectory, worldNames, type PersonaName, type SandboxWorld } from './sandbox-world.js';

const personaAliases: Record<string, PersonaName> = {
  admin: 'admin',
  管理员: 'admin',
  coordinator: 'coordinator',
  督办人: 'coordinator',
  leader: 'leader',
  领导: 'leader',
  liaison: 'liaison',
  联络员: 'liaison',
  outsider: 'outsider',
  访客: 'outsider',
};

export const sandboxHelp = [
  '沙盒用法(每行一条):',
  '  /as 督办人|领导|联络员|管理员|访客     切换身份(当前身份决定你能看到和能做的事);切换后显示此人上次查看以来收到的私信',
  `  /命令 子命令 选项:值 …              执行斜杠命令,如 ${commandRef('unit add')} 名称:区司法局 类别:部门`,
  `                                      成员、频道、身份组填名字,如 ${commandRef('unit bind')} 单位:城关镇 用户:赵敏`,
  `                                      附件选项填本地文件路径,如 ${commandRef('notice import')} 文件:./要点.docx`,
  '  click 序号|按钮文字                  点击最近一条消息上的按钮,如 click 确认导入',
  '  select 序号 选项序号[,选项序号]        在下拉菜单中选择,如 select 1 1,2',
  '  say 文字                             在当前频道发消息',
  '  reply [消息编号] 文字 [attach:文件路径] 回复机器人的消息(默认最近一条;编号见“消息 N”),可附文件',
  '  /time +5d|+2h|2026-12-31 [09:00]     (仅沙盒)把机器人的时钟往后拨,到期的提醒、升级、汇总和排名随即发出',
  '  /help                                显示本帮助;/quit 退出',
  '弹出表单时,按提示逐项输入;以 @ 开头表示从文件读取,如 @./要点.txt;上传项填本地文件路径,直接回车表示不附文件。',
].join('\n');

/** A bot message as the sandbox keeps it: its number, latest version, and who can see it. */
interface Kept {
  number: number;
  message: APIMessage;
  /** The only person who sees it (ephemeral), a DM's recipient, or null for everyone in the server. */
  for: PersonaName | null;
  ephemeral: boolean;
}

export interface SandboxChatOptions {
  /** Where attachments the bot sends are saved. */
  downloadDir: string;
  /** The time zone times are shown in, and the bot's clock (for relative times). */
  timeZone: string;
  now: () => Date;
  /** `/time …`: moves the bot's clock; resolves with what to tell the person. */
  moveClock?: (spec: string) => Promise<string>;
  /** Where the local server's own (English) wording of a refusal goes: the log, not the screen. */
  logRefusal?: (error: Error) => void;
}

/** A terminal chat in the local server's county: a person acts as any role and reads what the bot answers. */
export class SandboxChat {
  private persona: PersonaName = 'coordinator';
  private lastMessage: APIMessage | null = null;
  /** Every bot message by id, numbered in arrival order, so `reply N` can answer any of them. */
  private readonly kept = new Map<string, Kept>();
  /** DMs that arrived for each person while someone else was being played: shown when they are next played. */
  private readonly unseen = new Map<PersonaName, string[]>();
  private readonly dmOwners: Map<string, PersonaName>;
  private readonly directory: NameDirectory;
  private readonly markup: MarkupContext;

  constructor(
    private readonly lc: Localcord,
    private readonly world: SandboxWorld,
    private readonly io: { print(text: string): void; nextLine(prompt: string): Promise<string | null> },
    private readonly options: SandboxChatOptions,
  ) {
    this.dmOwners = new Map(Object.values(world.people).map((p) => [lc.dmChannelId(p.user.id), p.name]));
    this.directory = worldDirectory(world);
    this.markup = { names: worldNames(world, { id: lc.botUserId, name: 'duban' }), timeZone: options.timeZone, now: options.now };
    lc.on('message', (event) => this.receive(event));
  }

  get userId(): string {
    return this.world.people[this.persona].user.id;
  }

  banner(): string {
    return `当前身份:${this.world.people[this.persona].title}。服务器“${this.world.guild.name}”,频道 #${this.world.channels.general.name}。输入 /help 查看用法。`;
  }

  /** Handles one line; false when the person asked to quit. */
  async handle(line: string): Promise<boolean> {
    const text = line.trim();
    if (!text) return true;
    try {
      if (text === '/quit' || text === 'exit' || text === '退出') return false;
      if (text === '/help' || text === '帮助') this.io.print(sandboxHelp);
      else if (/^\/as(\s|$)/.test(text)) this.switchPersona(text.slice(3).trim());
      else if (/^\/time(\s|$)/.test(text)) await this.moveClock(text.slice(5).trim());
      else if (text.startsWith('/') || text.startsWith('／'))
        await this.settle(this.lc.runSlashCommand({ ...this.place(), ...parseSlashLine(text, this.lc.commands(this.world.guild.id), this.directory) }));
      else if (/^click\s/.test(text)) await this.click(text.slice(6).trim());
      else if (/^select\s/.test(text)) await this.select(text.slice(7).trim());
      else if (/^say\s/.test(text)) this.lc.sendMessage({ ...this.place(), content: text.slice(4) });
      else if (/^reply(\s|$)/.test(text)) this.reply(text.slice(5).trim());
      else this.io.print('看不懂这条指令。输入 /help 查看用法。');
    } catch (error) {
      this.options.logRefusal?.(error as Error);
      this.io.print(`⚠️ ${explainLocalError(error as Error, this.lc.commands(this.world.guild.id))}`);
    }
    return true;
  }

  private place() {
    return { userId: this.userId, channelId: this.world.channels.general.id };
  }

  private async moveClock(spec: string): Promise<void> {
    if (!this.options.moveClock) throw new Error('这个沙盒不能调整时钟。');
    this.io.print(await this.options.moveClock(spec));
  }

  private switchPersona(name: string): void {
    const persona = personaAliases[name];
    if (!persona) throw new Error(`没有“${name}”这个身份。可选:督办人、领导、联络员、管理员、访客。`);
    this.persona = persona;
    this.lastMessage = null;
    this.io.print(this.banner());
    const waiting = (this.unseen.get(persona) ?? []).map((id) => this.kept.get(id)).filter((k): k is Kept => k !== undefined);
    this.unseen.delete(persona);
    if (waiting.length === 0) {
      this.io.print('(上次查看以来没有新私信)');
      return;
    }
    this.io.print(`📬 上次查看以来,${this.world.people[persona].title}收到 ${waiting.length} 条私信:`);
    for (const kept of waiting) this.print(kept, 'create');
  }

  private async click(which: string): Promise<void> {
    const message = this.requireLastMessage();
    const control = listControls(message).find((c) => c.kind === 'button' && (String(c.index) === which || c.label === which));
    if (!control) throw new Error(`最近一条消息上没有按钮“${which}”。`);
    if (control.disabled) throw new Error(`按钮“${control.label}”当前不可用。`);
    await this.settle(this.lc.clickButton({ messageId: message.id, customId: control.customId, userId: this.userId }));
  }

  private async select(args: string): Promise<void> {
    const [which = '', choice = ''] = splitWords(args);
    const message = this.requireLastMessage();
    const control = listControls(message).find((c) => c.kind === 'select' && String(c.index) === which);
    if (!control?.options) throw new Error(`最近一条消息上没有第 ${which} 个下拉菜单。`);
    const values = choice
      .split(/[,，]/)
      .filter(Boolean)
      .map((n) => {
        const option = control.options?.[Number(n) - 1];
        if (!option) throw new Error(`下拉菜单没有第 ${n} 项。`);
        return option.value;
      });
    await this.settle(this.lc.selectMenu({ messageId: message.id, customId: control.customId, userId: this.userId, values }));
  }

  /** `reply [N] text`: answers bot message N (as numbered on screen), or the latest one this person can answer. */
  private reply(args: string): void {
    const numbered = /^#?(\d+)\s+([\s\S]*)$/.exec(args);
    const target = numbered ? this.messageNumbered(Number(numbered[1])) : this.latestAnswerable();
    const body = numbered ? (numbered[2] ?? '') : args;
    const attachments = [...body.matchAll(/attach:(\S+)/g)].map((m) => readLocalUpload(m[1] ?? ''));
    const content = body.replace(/attach:\S+/g, '').trim();
    if (!content && attachments.length === 0) throw new Error('回复的内容是空的。用法:reply [消息编号] 文字 [attach:文件路径]');
    this.lc.sendMessage({ channelId: target.message.channel_id, userId: this.userId, content, replyTo: target.message.id, attachments });
  }

  private visibleTo(kept: Kept, persona: PersonaName): boolean {
    return kept.for === null || kept.for === persona;
  }

  private messageNumbered(number: number): Kept {
    const kept = [...this.kept.values()].find((k) => k.number === number);
    if (!kept || !this.visibleTo(kept, this.persona)) throw new Error(`你(${this.world.people[this.persona].title})看不到编号为 ${number} 的消息。`);
    if (kept.ephemeral) throw new Error(`消息 ${number} 是“仅你可见”的回复,不能回复它。`);
    return kept;
  }

  private latestAnswerable(): Kept {
    const candidates = [...this.kept.values()].filter((k) => this.visibleTo(k, this.persona) && !k.ephemeral);
    const latest = candidates.at(-1);
    if (!latest) throw new Error('还没有可以回复的消息。');
    return latest;
  }

  private requireLastMessage(): APIMessage {
    if (!this.lastMessage) throw new Error('还没有可操作的消息。');
    return this.lastMessage;
  }

  /** Waits until the bot has answered an interaction: a reply, an update, or a form to fill in. */
  private async settle(handle: InteractionHandle): Promise<void> {
    const first = await handle.response(30_000);
    if (first.type === InteractionResponseType.Modal) {
      await this.fillModal(handle, first.data as APIModalInteractionResponseCallbackData);
      return;
    }
    if (first.type === InteractionResponseType.ApplicationCommandAutocompleteResult) return;
    await handle.waitForReply(60_000).catch(() => undefined);
  }

  private async fillModal(handle: InteractionHandle, modal: APIModalInteractionResponseCallbackData): Promise<void> {
    const fields = await fillForm(modal, this.io);
    if (!fields) return;
    await this.settle(this.lc.submitModal({ userId: this.userId, from: handle, fields }));
  }

  private receive(event: MessageEvent): void {
    if (!event.fromBot || event.change === 'delete') return;
    const { message } = event;
    if ((message.flags ?? 0) & 128) return; // still "thinking": the edit will follow
    const ephemeralFor = event.ephemeralFor === null ? null : (Object.values(this.world.people).find((p) => p.user.id === event.ephemeralFor)?.name ?? null);
    if (event.ephemeralFor !== null && !ephemeralFor) return;
    const dmOwner = event.guildId === null ? (this.dmOwners.get(message.channel_id) ?? null) : null;
    if (event.guildId === null && !dmOwner) return;
    let kept = this.kept.get(message.id);
    if (kept) kept.message = message;
    else {
      kept = { number: this.kept.size + 1, message, for: ephemeralFor ?? dmOwner, ephemeral: event.ephemeralFor !== null };
      this.kept.set(message.id, kept);
    }
    if (this.visibleTo(kept, this.persona)) {
      this.print(kept, event.change);
      return;
    }
    // One person plays everyone: a DM to someone else waits for them, and the arrival is announced.
    if (dmOwner && event.change === 'create') {
      this.unseen.set(dmOwner, [...(this.unseen.get(dmOwner) ?? []), message.id]);
      const first = message.embeds[0]?.title ?? message.content.split('\n')[0] ?? '';
      const title = renderMarkup(first, this.markup).slice(0, 60);
      this.io.print(`\n📨 duban 私信了${this.world.people[dmOwner].title}:${title}(输入 /as ${this.world.people[dmOwner].role} 查看)`);
    }
  }

  private print(kept: Kept, change: MessageEvent['change']): void {
    const { message } = kept;
    const where = kept.ephemeral ? '仅你可见' : this.dmOwners.has(message.channel_id) ? '私信' : `#${this.channelName(message.channel_id)}`;
    const text = renderMessageText(message, { markup: (t) => renderMarkup(t, this.markup) });
    this.io.print(`\n🤖 duban · 消息 ${kept.number}(${where}${change === 'update' ? ',已更新' : ''}):\n${text}`);
    for (const attachment of message.attachments ?? []) this.saveAttachment(attachment.url, attachment.filename);
    if (listControls(message).length > 0 || !this.lastMessage || change === 'create') this.lastMessage = message;
  }

  private channelName(channelId: string): string {
    return Object.values(this.world.channels).find((c) => c.id === channelId)?.name ?? '其他频道';
  }

  private saveAttachment(url: string, filename: string): void {
    const bytes = this.lc.attachmentBytes(url);
    if (!bytes) return;
    mkdirSync(this.options.downloadDir, { recursive: true });
    const file = path.join(this.options.downloadDir, filename.replace(/[\\/]/g, '_'));
    writeFileSync(file, bytes);
    this.io.print(`   已保存附件:${file}`);
  }
}
