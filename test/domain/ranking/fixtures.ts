import type { ScoringReport, ScoringTask, ScoringUnit } from '../../../src/domain/ranking/index.js';

export const units: ScoringUnit[] = [
  { id: 'justice', name: '区司法局', category: 'department' },
  { id: 'market', name: '区市场监管局', category: 'department' },
  { id: 'finance', name: '区财政局', category: 'department' },
  { id: 'archives', name: '区档案馆', category: 'other' },
  { id: 'chengguan', name: '城关镇', category: 'township' },
  { id: 'dongjie', name: '东街街道', category: 'township' },
];

export const tasks: ScoringTask[] = [
  { id: 't1', label: '（一）行政规范性文件清理', dueDate: '2026-03-20', units: [{ unitId: 'justice', role: 'lead' }, { unitId: 'market', role: 'support' }] },
  { id: 't2', label: '（二）政务服务事项网上办理', dueDate: null, units: [{ unitId: 'market', role: 'lead' }, { unitId: 'finance', role: 'support' }] },
  { id: 't3', label: '（三）综合行政执法改革', dueDate: '2026-12-31', units: [{ unitId: 'chengguan', role: 'lead' }, { unitId: 'dongjie', role: 'lead' }, { unitId: 'justice', role: 'support' }] },
];

export const periodDueDate = '2026-03-25';

export function report(taskId: string, unitId: string, overrides: Partial<ScoringReport> = {}): ScoringReport {
  return {
    taskId,
    unitId,
    status: 'in_progress',
    percent: null,
    submittedAt: new Date('2026-03-18T02:00:00Z'),
    late: false,
    perfunctory: false,
    rating: null,
    ...overrides,
  };
}
