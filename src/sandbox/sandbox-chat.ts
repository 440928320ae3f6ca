import { commandRef } from '../command-names.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InteractionResponseType, type APIMessage, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { InteractionHandle, Localcord, MessageEvent } from '../localcord/index.js';
import { fillForm } from './modal-form.js';
import { readLocalUpload } from './local-files.js';
import { parseSlashLine, splitWords } from './command-line.js';
import { listControls, renderMessageText } from './render-message.js';
import type { PersonaName, SandboxWorld } from './sandbox-world.js';

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

const personaLabels: Record<PersonaName, string> = { admin: '管理员', coordinator: '督办人', leader: '领导', liaison: '联络员', outsider: '访客' };

export const sandboxHelp = [
  '沙盒用法(每行一条):',
  '  /as 督办人|领导|联络员|管理员|访客     切换身份(当前身份决定你能看到和能做的事)',
  `  /命令 子命令 选项:值 …              执行斜杠命令,如 ${commandRef('unit add')} name:区司法局 category:department`,
  `                                      附件选项填本地文件路径,如 ${commandRef('notice import')} file:./要点.docx`,
  '  click 序号|按钮文字                  点击最近一条消息上的按钮,如 click 确认导入',
  '  select 序号 选项序号[,选项序号]        在下拉菜单中选择,如 select 1 1,2',
  '  say 文字                             在当前频道发消息',
  '  reply 文字 [attach:文件路径]          回复机器人最近一条消息(可附文件)',
  '  /help                                显示本帮助;/quit 退出',
  '弹出表单时,按提示逐项输入;以 @ 开头表示从文件读取,如 @./要点.txt;上传项填本地文件路径,直接回车表示不附文件。',
].join('\n');

/** A terminal chat in the local server's county: a person acts as any role and reads what the bot answers. */
export class SandboxChat {
  private persona: PersonaName = 'coordinator';
  private lastMessage: APIMessage | null = null;
  /** Whose DM channel is whose, so a DM to someone else can be announced (not shown). */
  private readonly dmOwners: Map<string, PersonaName>;

  constructor(
    private readonly lc: Localcord,
    private readonly world: SandboxWorld,
    private readonly io: { print(text: string): void; nextLine(prompt: string): Promise<string | null> },
    private readonly downloadDir: string,
  ) {
    this.dmOwners = new Map(Object.values(world.people).map((p) => [lc.dmChannelId(p.user.id), p.name]));
    lc.on('message', (event) => this.show(event));
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
      else if (text.startsWith('/as ')) this.switchPersona(text.slice(4).trim());
      else if (text.startsWith('/'))
        await this.settle(this.lc.runSlashCommand({ ...this.place(), ...parseSlashLine(text, this.lc.commands(this.world.guild.id)) }));
      else if (/^click\s/.test(text)) await this.click(text.slice(6).trim());
      else if (/^select\s/.test(text)) await this.select(text.slice(7).trim());
      else if (/^say\s/.test(text)) this.lc.sendMessage({ ...this.place(), content: text.slice(4) });
      else if (/^reply\s/.test(text)) this.reply(text.slice(6));
      else this.io.print('看不懂这条指令。输入 /help 查看用法。');
    } catch (error) {
      this.io.print(`⚠️ ${(error as Error).message}`);
    }
    return true;
  }

  private place() {
    return { userId: this.userId, channelId: this.world.channels.general.id };
  }

  private switchPersona(name: string): void {
    const persona = personaAliases[name];
    if (!persona) throw new Error(`没有“${name}”这个身份。可选:督办人、领导、联络员、管理员、访客。`);
    this.persona = persona;
    this.lastMessage = null;
    this.io.print(this.banner());
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

  private reply(args: string): void {
    const message = this.requireLastMessage();
    const attachments = [...args.matchAll(/attach:(\S+)/g)].map((m) => readLocalUpload(m[1] ?? ''));
    this.lc.sendMessage({
      channelId: message.channel_id,
      userId: this.userId,
      content: args.replace(/attach:\S+/g, '').trim(),
      replyTo: message.id,
      attachments,
    });
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

  private show(event: MessageEvent): void {
    if (!event.fromBot || event.change === 'delete') return;
    const { message } = event;
    if (event.ephemeralFor !== null && event.ephemeralFor !== this.userId) return;
    const isDm = event.guildId === null;
    if ((message.flags ?? 0) & 128) return; // still "thinking": the edit will follow
    if (isDm && message.channel_id !== this.lc.dmChannelId(this.userId)) {
      // One person plays everyone: say that someone else got a DM (a reminder, a 催办) without showing it.
      const owner = this.dmOwners.get(message.channel_id);
      if (owner && event.change === 'create') {
        const title = message.embeds[0]?.title ?? message.content.split('\n')[0] ?? '';
        this.io.print(`\n📨 duban 私信了${this.world.people[owner].title}:${title.slice(0, 60)}(输入 /as ${personaLabels[owner]} 后可查看此后的私信)`);
      }
      return;
    }
    const where = isDm ? '私信' : event.ephemeralFor ? '仅你可见' : `#${this.channelName(message.channel_id)}`;
    this.io.print(`\n🤖 duban(${where}${event.change === 'update' ? ',已更新' : ''}):\n${renderMessageText(message)}`);
    for (const attachment of message.attachments ?? []) this.saveAttachment(attachment.url, attachment.filename);
    if (listControls(message).length > 0 || !this.lastMessage || event.change === 'create') this.lastMessage = message;
  }

  private channelName(channelId: string): string {
    return Object.values(this.world.channels).find((c) => c.id === channelId)?.name ?? channelId;
  }

  private saveAttachment(url: string, filename: string): void {
    const bytes = this.lc.attachmentBytes(url);
    if (!bytes) return;
    mkdirSync(this.downloadDir, { recursive: true });
    const file = path.join(this.downloadDir, filename.replace(/[\\/]/g, '_'));
    writeFileSync(file, bytes);
    this.io.print(`   已保存附件:${file}`);
  }
}
