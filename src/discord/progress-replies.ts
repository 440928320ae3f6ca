import type { Message } from 'discord.js';
import type { AppContext } from '../app/context.js';
import { findReminderByMessage, isUnitsOwnPlace, prepareProgressReply } from '../app/progress/progress-reply.js';
import { withErrorBoundary, type BoundaryHooks } from './error-boundary.js';
import { renderNotSaved, renderPrivateReviewPrompt, renderReplyConfirmation } from './render/progress-result.js';
import { noMentions } from './respond.js';

/**
 * A liaison replying to a reminder in chat: the reply is split by task numbers and shown back with
 * 确认保存 / 取消; nothing is stored until they confirm. Messages that do not reply to a reminder are
 * ignored. The answer carries a nonce from the liaison's message, so a MESSAGE_CREATE replayed after a
 * gateway resume cannot produce a second confirmation. Failures go through the one error boundary.
 */
export function createProgressReplyHandler(app: AppContext, hooks: BoundaryHooks = {}) {
  return async function handleMessage(message: Message): Promise<void> {
    // Only a reply to one of the bot's own messages can answer a reminder: no lookup for the rest of the chat.
    if (message.author.bot || !message.reference?.messageId || message.mentions.repliedUser?.id !== message.client.user.id) return;
    const referenced = message.reference.messageId;
    const post = async (payload: { content?: string; embeds?: never[] } | ReturnType<typeof renderReplyConfirmation>) => {
      await message.reply({ ...payload, allowedMentions: noMentions, nonce: `p${message.id}`.slice(0, 25), enforceNonce: true });
    };
    // In a shared channel nothing the liaison reported is repeated, even when storing fails.
    let shared = false;
    const log = app.logger.child({ user: message.author.id, message: message.id, reply: true });
    // Even with the database away (we cannot tell whether this replies to a reminder) the liaison is
    // answered, so they are never left thinking it was saved.
    const answer = (explanation: string) => post({ content: shared ? `❌ 进展没有保存:${explanation}` : renderNotSaved(explanation, message.content) });
    await withErrorBoundary({ name: 'progress-reply', log, hooks, answer }, async () => {
      // The replied-to message comes with the reply (referenced_message); its footer carries the marker.
      const replied = message.channel.messages.cache.get(referenced);
      const footer = replied?.embeds[0]?.footer?.text ?? null;
      const reminder = await findReminderByMessage(app, referenced, footer);
      if (!reminder || reminder.audience !== 'liaison') return;
      if (message.guildId !== null && message.guildId !== reminder.guildId) return;
      shared = !(await isUnitsOwnPlace(app, reminder, message.guildId === null ? null : message.channelId));
      const roleIds = message.member ? [...message.member.roles.cache.keys()] : [];
      const units = await app.store.units.findUnitsForMember(reminder.workspaceId, message.author.id, roleIds);
      if (!units.some((u) => u.id === reminder.unitId)) {
        await post({ content: `只有“${reminder.unitName}”的联络员可以通过回复提醒报送进展。` });
        return;
      }
      const text = message.content.trim();
      if (!text) {
        await post({ content: '请在回复中用文字写明各项进展(附件可一并发送),例如“(一)已完成……(二)推进中……”。' });
        return;
      }
      const attachments = [...message.attachments.values()].map((a) => ({ url: a.url, filename: a.name, contentType: a.contentType, size: a.size }));
      const { draftId, draft } = await prepareProgressReply(app, { reminder, authorId: message.author.id, text, attachments });
      await post(shared ? renderPrivateReviewPrompt(draftId, draft) : renderReplyConfirmation(draftId, draft));
    });
  };
}
