import type { Listing, TaskRole } from './types.js';

/** A unit answering for a task, once, with the role it answers in. */
export interface Assignment {
  readonly unitId: number;
  readonly role: TaskRole;
  /** False when the unit is on the task only through a collective name. */
  readonly direct: boolean;
  readonly position: number;
}

/** Lead units first, then in the notice's order. */
function byRoleThenPlace(a: Listing, b: Listing): number {
  return (a.role === 'lead' ? 0 : 1) - (b.role === 'lead' ? 0 : 1) || a.position - b.position || a.unitId - b.unitId;
}

/** Whether `candidate` decides the unit's role over `held`: a direct listing over a collective, then lead over support, then the earlier place. */
function outranks(candidate: Listing, held: Listing): boolean {
  if (candidate.direct !== held.direct) return candidate.direct;
  if (candidate.role !== held.role) return candidate.role === 'lead';
  return candidate.position < held.position;
}

/**
 * The units answering for a task, each once: a unit named on the task itself keeps the role written
 * for it there, whatever a collective it belongs to says (区司法局 named as 配合 stays 配合 under a
 * leading 区政府各部门); a unit reached only through collectives takes their role, lead if any of them
 * leads. Lead units first, then in the notice's order.
 */
export function assignmentsOf(listings: readonly Listing[]): Assignment[] {
  // Plain loops: this runs for every task of every view, over 20,000 listings in a large workspace.
  const byUnit = new Map<number, Listing>();
  for (const listing of listings) {
    const held = byUnit.get(listing.unitId);
    if (!held || outranks(listing, held)) byUnit.set(listing.unitId, listing);
  }
  // The listings kept are the assignments (same fields, read-only): no copy of each.
  return Array.from(byUnit.values()).sort(byRoleThenPlace);
}

/** The role a unit answers for a task in, or null when the task does not name it. */
export function roleOf(listings: readonly Listing[], unitId: number): TaskRole | null {
  return assignmentsOf(listings.filter((listing) => listing.unitId === unitId))[0]?.role ?? null;
}

/**
 * Whether some unit leads the task (named as lead, or reached through a leading collective that has
 * members). A task without one is 未指定牵头单位: it asks nobody for reports until it has one.
 */
export function hasLead(task: { readonly listings: readonly Listing[]; readonly led?: boolean }): boolean {
  return task.led ?? task.listings.some((listing) => listing.role === 'lead');
}
