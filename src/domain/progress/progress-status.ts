import { z } from 'zod';

export const progressStatuses = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type ProgressStatus = (typeof progressStatuses)[number];

export const progressStatusSchema = z.enum(progressStatuses, { message: '状态应为 未启动、推进中、已完成 或 受阻' });

export const progressStatusLabels: Readonly<Record<ProgressStatus, string>> = {
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
  blocked: '受阻',
};

export function labelProgressStatus(status: ProgressStatus): string {
  return progressStatusLabels[status];
}

/** '已完成' (or 'done') → 'done'; undefined for anything else. */
export function parseProgressStatus(text: string): ProgressStatus | undefined {
  const value = text.trim();
  return progressStatuses.find((status) => status === value || progressStatusLabels[status] === value);
}
