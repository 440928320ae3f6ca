import type { ParsedTask } from '../../domain/notice/index.js';

const SECTION_NUMERALS = [
  '',
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
  '十六',
  '十七',
  '十八',
  '十九',
  '二十',
];

/** How people refer to a task in messages: 「三（二）」 for task (二) of section 三, else its label. */
export function taskReference(task: Pick<ParsedTask, 'section' | 'label' | 'no'>): string {
  const label = task.label || `${task.no}.`;
  const section = task.section !== null ? (SECTION_NUMERALS[task.section] ?? String(task.section)) : '';
  return section ? `${section}${label.startsWith('（') ? '' : '、'}${label}` : label;
}

/** The label of a task added by hand: numbered like its section's other tasks, （三） or 3. */
export function taskLabelFor(no: number, siblingLabel: string | null): string {
  if (siblingLabel && /^（[一二三四五六七八九十]+）$/.test(siblingLabel) && SECTION_NUMERALS[no]) return `（${SECTION_NUMERALS[no]}）`;
  return `${no}.`;
}
