import { commandRef } from '../../command-names.js';
import type { NoticeDiagnostic, ParsedNotice, ParsedTask, TaskUnit } from './types.js';

/** The fewest known names that, written one after another, make up `name`; null when there is no such reading of two or more. */
function segment(name: string, known: ReadonlySet<string>, lengths: readonly number[]): string[] | null {
  // best[i]: the fewest names covering name.slice(0, i), and where the last one starts.
  const best: ({ count: number; from: number } | null)[] = [{ count: 0, from: -1 }];
  for (let end = 1; end <= name.length; end += 1) {
    best[end] = null;
    for (const length of lengths) {
      const from = end - length;
      const before = from >= 0 ? best[from] : null;
      if (!before || !known.has(name.slice(from, end))) continue;
      const current = best[end];
      if (!current || before.count + 1 < current.count) best[end] = { count: before.count + 1, from };
    }
  }
  const whole = best[name.length];
  if (!whole || whole.count < 2) return null;
  const parts: string[] = [];
  for (let end = name.length; end > 0; end = best[end]?.from ?? 0) parts.unshift(name.slice(best[end]?.from ?? 0, end));
  return parts;
}

function splitTask(task: ParsedTask, known: ReadonlySet<string>, lengths: readonly number[], report: (diagnostic: NoticeDiagnostic) => void): ParsedTask {
  let changed = false;
  const units: TaskUnit[] = [];
  let { lead, leads, supporting } = task;
  for (const unit of task.units) {
    const parts = unit.collective || known.has(unit.name) ? null : segment(unit.name, known, lengths);
    if (!parts) {
      units.push(unit);
      continue;
    }
    changed = true;
    // One lead per task: the first name keeps the role, the others written with it support, as in a list.
    units.push({ ...unit, name: parts[0] ?? unit.name }, ...parts.slice(1).map((name) => ({ name, role: 'support' as const, collective: false })));
    if (unit.role === 'lead') {
      lead = lead === unit.name ? (parts[0] ?? null) : lead;
      leads = leads.flatMap((name) => (name === unit.name ? [parts[0] ?? name] : [name]));
      supporting = [...parts.slice(1), ...supporting];
    } else {
      supporting = supporting.flatMap((name) => (name === unit.name ? parts : [name]));
    }
    report({
      line: task.line,
      severity: 'warning',
      message: `任务${task.label}中“${unit.name}”没有分隔符，已按单位目录中已有的名称拆分为${parts.map((part) => `“${part}”`).join('')}，请核对；如拆分有误，请在导入后用 ${commandRef('task edit')} 更正`,
    });
  }
  return changed ? { ...task, units, lead, leads, supporting } : task;
}

/**
 * "司法局财政局", "城关镇东城街道": names the notice wrote together with no delimiter, which the parser's reading of
 * unit-name endings left whole, are split where the unit directory already knows every part (names and aliases).
 * A name the directory knows is never split, and each split is reported for the coordinator to check.
 */
export function splitOnKnownNames(parsed: ParsedNotice, knownNames: Iterable<string>): ParsedNotice {
  const known = new Set([...knownNames].filter((name) => name.length >= 2));
  if (known.size === 0) return parsed;
  const lengths = [...new Set([...known].map((name) => name.length))].sort((a, b) => b - a);
  const added: NoticeDiagnostic[] = [];
  const tasks = parsed.tasks.map((task) => splitTask(task, known, lengths, (diagnostic) => added.push(diagnostic)));
  if (added.length === 0) return parsed;
  const diagnostics = [...parsed.diagnostics, ...added].sort((a, b) => a.line - b.line);
  // Line accounting points into diagnostics by index: re-point it after the merge.
  const index = new Map(parsed.diagnostics.map((d, i) => [i, diagnostics.indexOf(d)]));
  const lineAccounting = parsed.lineAccounting.map((entry) =>
    entry.kind === 'diagnostic' && entry.ref !== null ? { ...entry, ref: index.get(entry.ref) ?? entry.ref } : entry,
  );
  return { ...parsed, tasks, diagnostics, lineAccounting };
}
