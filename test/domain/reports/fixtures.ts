import type { ReportEntry, ReportSection, ReportTask, ReportUnit } from '../../../src/domain/reports/index.js';

export const sections: ReportSection[] = [
  { id: 's2', no: 2, title: '深化“放管服”改革' },
  { id: 's1', no: 1, title: '健全依法行政制度体系' },
  { id: 's3', no: 3, title: '加强行政执法监督' },
];

export const units: ReportUnit[] = [
  { id: 'justice', name: '区司法局' },
  { id: 'market', name: '区市场监管局' },
  { id: 'gov', name: '区政务服务中心' },
  { id: 'chengguan', name: '城关镇' },
  { id: 'dongjie', name: '东街街道' },
];

export const tasks: ReportTask[] = [
  { id: 't1', sectionId: 's1', label: '（一）', title: '开展行政规范性文件清理', dueDate: '2026-06-30', units: [{ unitId: 'justice', role: 'lead' }] },
  {
    id: 't2',
    sectionId: 's2',
    label: '（一）',
    title: '推进政务服务“一网通办”',
    dueDate: '2026-09-30',
    units: [
      { unitId: 'gov', role: 'lead' },
      { unitId: 'market', role: 'support' },
    ],
  },
  {
    id: 't3',
    sectionId: 's3',
    label: '（一）',
    title: '推进综合行政执法改革',
    dueDate: null,
    units: [
      { unitId: 'chengguan', role: 'lead' },
      { unitId: 'dongjie', role: 'lead' },
      { unitId: 'justice', role: 'support' },
    ],
  },
  { id: 't4', sectionId: 's3', label: '（二）', title: '规范涉企行政检查', dueDate: '2026-12-31', units: [{ unitId: 'market', role: 'lead' }], closed: true },
  { id: 't5', sectionId: null, label: '（三）', title: '完成上级交办的其他任务', dueDate: null, units: [{ unitId: 'justice', role: 'lead' }] },
];

export function entry(taskId: string, unitId: string, at: string, overrides: Partial<ReportEntry> = {}): ReportEntry {
  return { taskId, unitId, status: 'in_progress', percent: null, text: `${unitId}关于${taskId}的进展`, submittedAt: new Date(at), ...overrides };
}
