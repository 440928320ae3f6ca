import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

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
