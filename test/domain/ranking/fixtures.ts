import type { ScoringReport, ScoringTask, ScoringUnit } from '../../../src/domain/ranking/index.js';

export const units: ScoringUnit[] = [
  { id: 1, name: '区司法局', category: 'department' },
  { id: 2, name: '区市场监管局', category: 'department' },
  { id: 3, name: '区财政局', category: 'department' },
  { id: 4, name: '区档案馆', category: 'other' },
  { id: 5, name: '城关镇', category: 'township' },
  { id: 6, name: '东街街道', category: 'township' },
];

export const tasks: ScoringTask[] = [
  {
    id: 101,
    label: '（一）行政规范性文件清理',
    dueDate: '2026-03-20',
    units: [
      { unitId: 1, role: 'lead' },
      { unitId: 2, role: 'support' },
    ],
  },
  {
    id: 102,
    label: '（二）政务服务事项网上办理',
    dueDate: null,
    units: [
      { unitId: 2, role: 'lead' },
      { unitId: 3, role: 'support' },
    ],
  },
  {
    id: 103,
    label: '（三）综合行政执法改革',
    dueDate: '2026-12-31',
    units: [
      { unitId: 5, role: 'lead' },
      { unitId: 6, role: 'lead' },
      { unitId: 1, role: 'support' },
    ],
  },
];

export const periodDueDate = '2026-03-25';

export function report(taskId: number, unitId: number, overrides: Partial<ScoringReport> = {}): ScoringReport {
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
