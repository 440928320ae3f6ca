import { randomBytes } from 'node:crypto';
import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';
import { UserError, unavailableDependency, type Dependency } from '../errors.js';
import type { Logger } from '../logger.js';

/** A Discord API failure said in words a coordinator understands; null when it is not one of ours to explain. */
export function describeDiscordError(error: unknown): string | null {
  if (!(error instanceof DiscordAPIError)) return null;
  switch (error.code) {
    case RESTJSONErrorCodes.MissingPermissions:
    case RESTJSONErrorCodes.MissingAccess:
      return '机器人缺少所需的频道权限(查看频道、发送消息、嵌入链接、附加文件)。请服务器管理员检查机器人的身份组权限后重试。';
    case RESTJSONErrorCodes.CannotSendMessagesToThisUser:
      return '无法私信该用户:对方关闭了服务器成员私信。';
    case RESTJSONErrorCodes.UnknownInteraction:
      return '这次操作已超时,请重新执行命令。';
    case RESTJSONErrorCodes.InvalidFormBodyOrContentType:
      return '要发送的内容超出了 Discord 的限制,请缩小范围(例如按单位或部分筛选)后重试。';
    default:
      return error.status === 429 ? 'Discord 暂时限制了发送频率,请稍后重试。' : null;
  }
}

export type FailureOutcome = 'user_error' | 'unavailable' | 'error';

const UNAVAILABLE: Record<Dependency, string> = {
  database: '数据库暂时无法连接(可能正在重启),这次操作没有完成,也没有保存任何内容。请稍等一两分钟后重试。',
  queue: '后台任务队列暂时无法连接(可能正在重启),这次操作没有完成。请稍等一两分钟后重试。',
};

/**
 * What to tell a person whose action failed, and how to count it: their own mistake is shown as
 * is; a dependency that is briefly away asks them to retry; anything else is logged with an id they
 * can quote to an administrator.
 */
export function explainFailure(error: unknown, log: Logger): { message: string; outcome: FailureOutcome } {
  if (error instanceof UserError) {
    log.info({ code: error.code }, 'user error');
    return { message: error.message, outcome: 'user_error' };
  }
  const dependency = unavailableDependency(error);
  if (dependency) {
    log.warn({ err: error, dependency }, 'dependency unavailable');
    return { message: UNAVAILABLE[dependency], outcome: 'unavailable' };
  }
  const errorId = randomBytes(4).toString('hex');
  log.error({ err: error, errorId }, 'interaction failed');
  return {
    message: describeDiscordError(error) ?? `处理时出现内部错误(错误编号 ${errorId})。请稍后重试;如果反复出现,请把错误编号告诉管理员。`,
    outcome: 'error',
  };
}
