import { EmbedBuilder } from 'discord.js';
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
