import { canonicalUnitName, looksCollective } from '../units/unit-name.js';
import type { TaskRole } from './types.js';

/*
 * What would make a task silent before any reminder goes out, read from the unit directory: a lead
 * that is a collective name with no member units (nobody is reminded for it), a task with no lead at
 * all, and units that would be reminded but have no liaison bound (the reminder reaches nobody).
 * The import preview asks this of the draft's tasks, /reminders show of the stored ones.
 */

export interface WarningTask {
  /** How people refer to the task (三（二）). */
  readonly ref: string;
  readonly title: string;
  /** The names on the task in the notice's order; `collective` when the notice marks a name as one. */
  readonly units: readonly { readonly name: string; readonly role: TaskRole; readonly collective?: boolean }[];
  /** 完成时限 in force (taskDeadline), when known. */
  readonly deadline?: string | null;
}

export interface WarningDirectory {
  readonly units: readonly { readonly name: string; readonly aliases: readonly string[]; readonly hasLiaison: boolean }[];
  readonly collectives: readonly { readonly name: string; readonly members: readonly string[] }[];
}

export interface SilentTaskWarnings {
  /** Tasks whose lead is a collective name with no member units. */
  readonly emptyCollectiveLeads: readonly { readonly task: string; readonly collective: string }[];
  /** Tasks that name no lead unit. */
  readonly noLead: readonly string[];
  /** Units the tasks would remind that have no liaison, with how many tasks name them. */
  readonly unitsWithoutLiaison: readonly { readonly unit: string; readonly tasks: number }[];
  /**
   * Tasks whose deadline is earlier than the date the notice was issued (a phrase such as 每年第一季度前
   * read into the year before): every reminder for them would be late from the start.
   */
  readonly deadlinesBeforeIssue: readonly { readonly task: string; readonly deadline: string; readonly issuedOn: string }[];
}

/**
 * `issuedOn`: the notice's date, when the deadlines are to be checked against it (the stored tasks;
 * the preview has the parser's own diagnostic for this).
 */
export function findSilentTaskWarnings(tasks: readonly WarningTask[], directory: WarningDirectory, issuedOn: string | null = null): SilentTaskWarnings {
  const units = new Map<string, { name: string; hasLiaison: boolean }>();
  for (const unit of directory.units) {
    const entry = { name: unit.name, hasLiaison: unit.hasLiaison };
    units.set(canonicalUnitName(unit.name), entry);
    for (const alias of unit.aliases) if (!units.has(canonicalUnitName(alias))) units.set(canonicalUnitName(alias), entry);
  }
  const collectives = new Map(directory.collectives.map((c) => [canonicalUnitName(c.name), c]));

  const emptyCollectiveLeads: { task: string; collective: string }[] = [];
  const noLead: string[] = [];
  const silentUnits = new Map<string, Set<number>>();

  for (const [index, task] of tasks.entries()) {
    const reminded = new Set<string>();
    if (!task.units.some((u) => u.role === 'lead')) noLead.push(task.ref);
    for (const listed of task.units) {
      const name = canonicalUnitName(listed.name);
      const unit = units.get(name);
      if (unit) {
        reminded.add(unit.name);
        continue;
      }
      const collective = collectives.get(name);
      if (collective || listed.collective || looksCollective(name)) {
        const members = collective?.members ?? [];
        if (members.length === 0 && listed.role === 'lead') emptyCollectiveLeads.push({ task: task.ref, collective: collective?.name ?? name });
        for (const member of members) reminded.add(units.get(canonicalUnitName(member))?.name ?? member);
        continue;
      }
      // A name the directory does not have yet (an import creates it): nobody is bound to it.
      reminded.add(name);
    }
    for (const name of reminded) {
      if (units.get(canonicalUnitName(name))?.hasLiaison) continue;
      const named = silentUnits.get(name) ?? new Set<number>();
      named.add(index);
      silentUnits.set(name, named);
    }
  }
  const deadlinesBeforeIssue = issuedOn
    ? tasks.flatMap((t) => (t.deadline && t.deadline < issuedOn ? [{ task: t.ref, deadline: t.deadline, issuedOn }] : []))
    : [];
  return {
    emptyCollectiveLeads,
    noLead,
    unitsWithoutLiaison: [...silentUnits].map(([unit, named]) => ({ unit, tasks: named.size })),
    deadlinesBeforeIssue,
  };
}

export function hasSilentTaskWarnings(warnings: SilentTaskWarnings): boolean {
  return warnings.emptyCollectiveLeads.length + warnings.noLead.length + warnings.unitsWithoutLiaison.length + warnings.deadlinesBeforeIssue.length > 0;
}
