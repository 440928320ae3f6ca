import { DiscordAPIError, HTTPError, RateLimitError, RESTJSONErrorCodes } from 'discord.js';
import { commandRef } from '../command-names.js';
import { SendFailure, type SendFailureKind, type SendTarget } from '../ports.js';

/*
 * Why a message could not be sent, in the Chinese coordinators read in /reminders failed. Discord's
 * own error text is English ("Cannot send messages to this user"), so the reason is chosen from its
 * JSON error code or HTTP status and the English never reaches the ledger. Rows stored before this
 * carry Discord's English: readableFailureReason maps them through the same table when they name a code.
 */

/** What Discord answered: its JSON error code when it gave one, and the HTTP status. */
export interface DiscordFailure {
  code?: number | string | undefined;
  status?: number | undefined;
}

interface Reason {
  kind: SendFailureKind;
  text: string;
}

/** The reason for a Discord error code or HTTP status, for the target it was sent to. */
function reasonFor({ code, status }: DiscordFailure, target: SendTarget | null): Reason {
  const rebind = `请用 ${commandRef('unit bind')} 重新绑定后重试。`;
  switch (Number(code)) {
    case RESTJSONErrorCodes.CannotSendMessagesToThisUser:
      return target?.kind === 'dm'
        ? {
            kind: 'dm_refused',
            text: `无法向该用户发送私信(对方关闭了私信):联络员 <@${target.userId}>。请其开启“允许服务器成员私信”,或用 ${commandRef('unit bind')} 改绑接收频道后重试。`,
          }
        : { kind: 'forbidden', text: '无法向该用户发送私信(对方关闭了私信)。' };
    case RESTJSONErrorCodes.UnknownChannel:
      return { kind: 'missing', text: `接收频道不存在或已被删除。${rebind}` };
    case RESTJSONErrorCodes.UnknownUser:
      return { kind: 'missing', text: `用户不存在(可能已注销或离开服务器)。${rebind}` };
    case RESTJSONErrorCodes.MissingAccess:
    case RESTJSONErrorCodes.MissingPermissions:
      return { kind: 'forbidden', text: '机器人缺少该频道的权限(查看频道、发送消息、嵌入链接)。请管理员检查频道权限后重试。' };
    default:
      break;
  }
  if (status === 429) return { kind: 'transient', text: 'Discord 限流(发送过于频繁),稍后自动重试。' };
  if (status !== undefined && status >= 500) return { kind: 'transient', text: `Discord 服务暂时不可用(HTTP ${status}),稍后自动重试。` };
  if (status === 403) return { kind: 'forbidden', text: '机器人缺少该频道的权限(查看频道、发送消息、嵌入链接)。请管理员检查频道权限后重试。' };
  if (status === 404) return { kind: 'missing', text: `接收频道或联络员已不存在。${rebind}` };
  const which = code !== undefined && code !== '' ? `错误代码 ${code}` : status !== undefined ? `HTTP ${status}` : '未说明原因';
  return { kind: 'rejected', text: `Discord 拒绝了这条消息(${which})。` };
}

/** A Discord error code or HTTP status in Chinese. */
export function describeDiscordFailure(failure: DiscordFailure, target: SendTarget | null = null): string {
  return reasonFor(failure, target).text;
}

/** Any error of a send, as a SendFailure that deliverOnce acts on and whose message is Chinese. */
export function toSendFailure(error: unknown, target: SendTarget | null): SendFailure {
  if (error instanceof SendFailure) return error;
  let reason: Reason;
  if (error instanceof DiscordAPIError) reason = reasonFor({ code: error.code, status: error.status }, target);
  else if (error instanceof HTTPError) reason = reasonFor({ status: error.status }, target);
  else if (error instanceof RateLimitError) reason = reasonFor({ status: 429 }, target);
  else reason = { kind: 'transient', text: '无法连接 Discord(网络故障),稍后自动重试。' };
  return new SendFailure(reason.kind, reason.text);
}

/** Text with a word of English in it, other than the names Discord and HTTP. */
const english = /[A-Za-z]{3,}/;
const hasEnglish = (text: string) => english.test(text.replace(/Discord|HTTP/g, ''));

/**
 * A reason as stored in the ledger, for the failed list: Chinese as is; one with Discord's English
 * (stored before the reasons were mapped) through the table above when it names a code or status.
 */
export function readableFailureReason(stored: string | null): string {
  if (!stored) return '未知原因';
  if (!hasEnglish(stored)) return stored;
  const lead = /^([^A-Za-z:]*?)[::]/.exec(stored)?.[1];
  const prefix = lead && !hasEnglish(lead) ? `${lead}:` : '';
  const code = /\b([1-9]\d{4,5})\b/.exec(stored)?.[1];
  const status = /\b(?:HTTP|status)\s*:?\s*([1-5]\d{2})\b/i.exec(stored)?.[1] ?? (/rate ?limit/i.test(stored) ? '429' : undefined);
  if (code === undefined && status === undefined) return `${prefix}发送失败(Discord 未给出可识别的错误代码)。`;
  return prefix + describeDiscordFailure({ code, status: status === undefined ? undefined : Number(status) });
}

/** Why the queue gave up on a delivery, for the ledger: a Discord failure mapped above, anything else an internal error (the log has it). */
export function describeDeliveryError(error: unknown): string {
  if (error instanceof SendFailure || error instanceof DiscordAPIError || error instanceof HTTPError || error instanceof RateLimitError)
    return toSendFailure(error, null).message;
  return '发送时出现内部错误(详见运行日志)。';
}
