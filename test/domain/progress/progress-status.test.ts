import { describe, expect, it } from 'vitest';
import { labelProgressStatus, parseProgressStatus, progressStatuses, progressStatusLabels } from '../../../src/domain/progress/index.js';

describe('progress statuses', () => {
  it('has four statuses with their Chinese labels', () => {
    expect(progressStatuses).toEqual(['not_started', 'in_progress', 'done', 'blocked']);
    expect(progressStatusLabels).toEqual({ not_started: '未启动', in_progress: '推进中', done: '已完成', blocked: '受阻' });
    expect(labelProgressStatus('blocked')).toBe('受阻');
  });

  it('reads a status from its label or its code', () => {
    expect(parseProgressStatus(' 已完成 ')).toBe('done');
    expect(parseProgressStatus('in_progress')).toBe('in_progress');
    expect(parseProgressStatus('完成')).toBeUndefined();
  });
});
