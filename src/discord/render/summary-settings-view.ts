import { EmbedBuilder } from 'discord.js';
import { commandRef } from '../../command-names.js';
import { weekdayLabels, type SummarySettings } from '../../app/summary/summary-settings.js';
import { colors } from './colors.js';

/** The leaders' summary schedules in plain Chinese. */
export function renderSummarySettings(settings: SummarySettings, summaryChannelId: string | null, notice?: string): EmbedBuilder {
  const where = (channelId: string | null, dm: boolean) => {
    const channel = channelId ?? summaryChannelId;
    return `${channel ? `<#${channel}>` : '(未设置频道)'}${dm ? ',并私信各单位领导' : ''}`;
  };
  const { digest, ranking } = settings;
  return new EmbedBuilder()
    .setTitle('领导汇总推送设置')
    .setColor(colors.primary)
    .setDescription(notice ?? '工作日推送;遇节假日提前到前一个工作日。时间为北京时间。')
    .addFields(
      {
        name: `每周工作简报:${digest.enabled ? '已开启' : '未开启'}`,
        value: `${weekdayLabels[digest.options.weekday]} ${digest.options.time} → ${where(digest.channelId, digest.dmLeaders)}\n内容:新报送、各部分完成情况、逾期和受阻任务、未报送单位。`,
      },
      {
        name: `季度排名自动发布:${ranking.enabled ? '已开启' : '未开启'}`,
        value: `每季度报送截止后第 ${ranking.options.graceWorkdays} 个工作日 ${ranking.options.time} → ${where(ranking.channelId, ranking.dmLeaders)}`,
      },
    );
}

export const summarySavedNote = '✅ 已保存。';
export const digestRequestedNote = '已安排发送一份工作简报到领导频道,稍后即到。';

/** The answer to /summary dm: whether DMs are now on, and for which schedules a coordinator turned them on. */
export function describeSubscription(on: boolean, changed: boolean, settings: SummarySettings): string {
  if (!on) return changed ? '✅ 已关闭私信推送,此后领导汇总只发到领导频道。' : '你没有开启私信推送,无需关闭。';
  const dmKinds = [
    settings.digest.dmLeaders && settings.digest.enabled ? '每周工作简报' : '',
    settings.ranking.dmLeaders && settings.ranking.enabled ? '季度排名' : '',
  ].filter(Boolean);
  const head = changed ? '✅ 已开启私信推送。' : '你已开启私信推送。';
  return dmKinds.length
    ? `${head}${dmKinds.join('和')}发布时会私信给你(请保持接收本服务器成员的私信)。`
    : `${head}目前督办人尚未开启“私信领导”,开启后周报和季度排名才会私信给你;可请督办人用 ${commandRef('summary set')} 私信领导:是 开启。`;
}
