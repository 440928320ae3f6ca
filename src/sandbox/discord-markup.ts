import type { WorldNames } from './sandbox-world.js';

/** What the markup is shown against: who is who, the reader's time zone, and now (for relative times). */
export interface MarkupContext {
  names: WorldNames;
  timeZone: string;
  now: () => Date;
}

function parts(date: Date, timeZone: string): Record<string, string> {
  const format = new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'long',
    hourCycle: 'h23',
  });
  return Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
}

const pad = (value: string | undefined) => (value ?? '').padStart(2, '0');

/** "3天后", "5分钟前": Discord's relative style, in Chinese. */
function relative(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const units: [number, string][] = [
    [365 * 24 * 3600, '年'],
    [30 * 24 * 3600, '个月'],
    [24 * 3600, '天'],
    [3600, '小时'],
    [60, '分钟'],
  ];
  const [size, unit] = units.find(([size]) => abs >= size) ?? [1, '秒'];
  const count = Math.floor(abs / size);
  if (count === 0) return '现在';
  return seconds >= 0 ? `${count}${unit}后` : `${count}${unit}前`;
}

/** A Discord timestamp (`<t:unix:style>`) as a zh-CN client shows it, in the given time zone. */
export function formatTimestamp(unixSeconds: number, style: string, context: Pick<MarkupContext, 'timeZone' | 'now'>): string {
  const date = new Date(unixSeconds * 1000);
  const p = parts(date, context.timeZone);
  const time = `${pad(p.hour)}:${p.minute}`;
  const longDate = `${p.year}年${p.month}月${p.day}日`;
  switch (style) {
    case 't':
      return time;
    case 'T':
      return `${time}:${p.second}`;
    case 'd':
      return `${p.year}/${pad(p.month)}/${pad(p.day)}`;
    case 'D':
      return longDate;
    case 'F':
      return `${longDate}${p.weekday} ${time}`;
    case 'R':
      return relative(date, context.now());
    default:
      return `${longDate} ${time}`;
  }
}

/**
 * Text as a Discord client shows it: user, role and channel mentions by name (@城关镇 赵敏, @督办人,
 * #督办工作), timestamps as dates and times in the reader's time zone, @everyone as is.
 */
export function renderMarkup(text: string, context: MarkupContext): string {
  return (
    text
      .replace(/<@&(\d+)>/g, (_, id: string) => `@${context.names.roleName(id) ?? '未知身份组'}`)
      .replace(/<@!?(\d+)>/g, (_, id: string) => `@${context.names.userName(id) ?? '未知成员'}`)
      .replace(/<#(\d+)>/g, (_, id: string) => `#${context.names.channelName(id) ?? '未知频道'}`)
      .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, unix: string, style: string | undefined) => formatTimestamp(Number(unix), style ?? 'f', context))
      .replace(/<\/([^:>]+):\d+>/g, (_, name: string) => `/${name}`)
      .replace(/<a?:(\w+):\d+>/g, (_, name: string) => `:${name}:`)
      // A link in angle brackets (no preview) shows as the link itself.
      .replace(/<(https?:\/\/[^\s>]+)>/g, '$1')
  );
}
