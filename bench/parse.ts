/**
 * Parses a generated notice of 1,000 tasks and prints {"tasks": n, "ms": t}: the median of five timed runs after
 * one warm-up run (the bot parses in a long-lived process, so a warm parser is what users meet). Target: < 100 ms.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseNotice } from '../src/domain/notice/index.js';
import { toChineseNumeral } from '../src/domain/text/chinese-numerals.js';

const UNITS = ['区司法局', '区发改局', '区财政局', '区市场监管局', '区行政审批局', '区委编办', '区政府办公室', '区审计局', '区人社局', '区城管执法局'];
const COLLECTIVES = ['区政府各部门', '各镇政府（街道办事处）', '区直有关单位'];
const DEADLINES = ['2024年底前', '6月底前', '长期坚持', '年内', '每年第一季度前', '2024年9月30日前'];

/** A notice mixing the formats the parser reads: closing parentheses, field lines, marked leads and table rows. */
export function generateNotice(taskCount: number): string {
  const lines = ['清河区2024年法治政府建设工作要点', '', '为深入推进依法行政，加快建设法治政府，结合我区实际，制定本要点。', ''];
  const perSection = 50;
  for (let no = 1; no <= taskCount; no++) {
    const section = Math.ceil(no / perSection);
    const inSection = no - (section - 1) * perSection;
    if (inSection === 1) lines.push(`${toChineseNumeral(section)}、第${section}方面重点工作`);
    const lead = UNITS[no % UNITS.length] ?? '';
    const support = [UNITS[(no + 3) % UNITS.length] ?? '', COLLECTIVES[no % COLLECTIVES.length] ?? ''];
    const deadline = DEADLINES[no % DEADLINES.length] ?? '';
    const body = `推进第${no}项重点工作。完善制度机制，落实《清河区依法行政规定》（清府〔2023〕${no}号），覆盖率达到${50 + (no % 50)}%以上，每年督查不少于${(no % 4) + 1}次`;
    const label = `（${toChineseNumeral(inSection)}）`;
    switch (no % 4) {
      case 0:
        lines.push(`${label}${body}。（${lead}、${support.join('、')}负责，${deadline}完成）`);
        break;
      case 1:
        lines.push(`${label}${body}，`, `并建立长效机制。`, `牵头单位：${lead}`, `配合单位：${support.join('、')}`, `完成时限：${deadline}`);
        break;
      case 2:
        lines.push(`${label}${body}。责任单位：${lead}（牵头）、${support.join('、')}`);
        break;
      default:
        lines.push(`${label}${body}。（${lead}牵头，${support.join('、')}按职责分工负责）`);
    }
  }
  lines.push('', '清河区人民政府办公室', '2024年2月20日');
  return lines.join('\n');
}

function timeParse(text: string): { tasks: number; ms: number } {
  const start = performance.now();
  const notice = parseNotice(text);
  return { tasks: notice.tasks.length, ms: performance.now() - start };
}

function runBench(): void {
  const text = generateNotice(1000);
  timeParse(text);
  const runs = Array.from({ length: 5 }, () => timeParse(text)).sort((a, b) => a.ms - b.ms);
  const median = runs[2] ?? { tasks: 0, ms: Number.NaN };
  process.stdout.write(`${JSON.stringify({ tasks: median.tasks, ms: Math.round(median.ms * 10) / 10 })}\n`);
}

// Run only as a script: tests import generateNotice.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) runBench();
