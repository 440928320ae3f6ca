import type { APIApplicationCommand } from 'discord-api-types/v10';

const zhNameOf = (commands: readonly APIApplicationCommand[], name: string) => commands.find((c) => c.name === name)?.name_localizations?.['zh-CN'] ?? name;

/**
 * What went wrong, for the person at the sandbox: the sandbox's own errors are Chinese already; the
 * local server's (which speaks as Discord's API does, in English) are told as a Chinese client would.
 */
export function explainLocalError(error: Error, commands: readonly APIApplicationCommand[]): string {
  const message = error.message;
  // The sandbox's own errors (and the bot's) are written in Chinese: shown as they are.
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  const hidden = /^\/(\S+) is hidden from this user/.exec(message);
  if (hidden) {
    return `你当前的身份看不到 /${zhNameOf(commands, hidden[1] ?? '')} 命令:它只对有“管理服务器”权限的成员显示。可输入 /as 管理员 切换身份后再试。`;
  }
  const context = /^\/(\S+) cannot be used in (a guild|DMs)/.exec(message);
  if (context) return `/${zhNameOf(commands, context[1] ?? '')} 命令不能在${context[2] === 'DMs' ? '私信' : '服务器频道'}中使用。`;
  if (/timed? ?out|did not (answer|respond)|no response/i.test(message)) return '机器人没有及时回应。请稍后再试;详情见日志 duban.log。';
  if (/modal/i.test(message)) return '表单内容没有通过检查,请按提示重新填写。';
  // Anything else English is the local server's own wording: say so in Chinese rather than show it.
  if (/[A-Za-z]{4,}/.test(message)) return '本地模拟的 Discord 服务器拒绝了这次操作,请检查输入后重试;输入 /help 查看用法。';
  return message;
}
