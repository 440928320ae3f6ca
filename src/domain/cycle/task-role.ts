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

/** Up to this many listings, a task's are checked one against another rather than mapped by unit. */
const checkedInPlace = 16;

/**
 * True for a task with a few listings that are already its assignments: each unit once, in order (most
 * tasks name a lead and a supporting unit or two, and their listings come so). They are then handed back as
 * they are, without a map and a sort for each task.
 */
function isSettledFew(listings: readonly Listing[]): boolean {
  if (listings.length > checkedInPlace) return false;
  for (let i = 1; i < listings.length; i += 1) {
    const listing = listings[i] as Listing;
    if (byRoleThenPlace(listings[i - 1] as Listing, listing) >= 0) return false;
    for (let j = 0; j < i; j += 1) if ((listings[j] as Listing).unitId === listing.unitId) return false;
  }
  return true;
}

/**
 * The units answering for a task, each once: a unit named on the task itself keeps the role written
 * for it there, whatever a collective it belongs to says (区司法局 named as 配合 stays 配合 under a
 * leading 区政府各部门); a unit reached only through collectives takes their role, lead if any of them
 * leads. Lead units first, then in the notice's order.
 */
export function assignmentsOf(listings: readonly Listing[]): readonly Assignment[] {
  // Plain loops: this runs for every task of every view, over 20,000 listings in a large workspace.
  if (isSettledFew(listings)) return listings;
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
