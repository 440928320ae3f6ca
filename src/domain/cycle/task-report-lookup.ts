/** Up to this many, a task's reports are searched one by one rather than spread over the table. */
const searchedInPlace = 16;

/**
 * A unit's report among one task's reports at a time, for a view that walks a period's tasks in turn (the
 * due reports, a quarter's scores). A task's few reports are searched in place. A task with many (a
 * collective's 400 members) is spread over one table that every task shares, at each unit's slot, and
 * taken off again for the next task: a large quarter has 17,000 reports, and a map for each large task
 * cost more than the lookups.
 */
export class TaskReportLookup<R extends { readonly unitId: number }> {
  private readonly slots = new Map<number, number>();
  private readonly table: (R | undefined)[] = [];
  private few: readonly R[] = [];
  private spread: readonly R[] = [];

  /** `wins(candidate, held)`: whether a unit's later-listed report replaces one found before it. */
  constructor(private readonly wins: (candidate: R, held: R) => boolean) {}

  /** Makes `reports` (one task's; none when undefined) the ones `find` searches. */
  use(reports: readonly R[] | undefined): void {
    for (const report of this.spread) this.table[this.slotOf(report.unitId)] = undefined;
    this.spread = [];
    this.few = reports ?? [];
    if (this.few.length <= searchedInPlace) return;
    for (const report of this.few) {
      const slot = this.slotOf(report.unitId);
      const held = this.table[slot];
      if (held === undefined || this.wins(report, held)) this.table[slot] = report;
    }
    this.spread = this.few;
    this.few = [];
  }

  /** The unit's report among the task's, if it sent one. */
  find(unitId: number): R | undefined {
    if (this.spread.length > 0) {
      const slot = this.slots.get(unitId);
      return slot === undefined ? undefined : this.table[slot];
    }
    let found: R | undefined;
    for (const report of this.few) if (report.unitId === unitId && (found === undefined || this.wins(report, found))) found = report;
    return found;
  }

  private slotOf(unitId: number): number {
    let slot = this.slots.get(unitId);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(unitId, slot);
      this.table.push(undefined);
    }
    return slot;
  }
}

/** Items grouped by a key, each group in the order given; only the items `keep` accepts. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K, keep: (item: T) => boolean = () => true): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    if (!keep(item)) continue;
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Reports grouped by task, in the order given. */
export function groupByTask<R extends { readonly taskId: number }>(reports: Iterable<R>, keep?: (report: R) => boolean): Map<number, R[]> {
  return groupBy(reports, (report) => report.taskId, keep);
}
