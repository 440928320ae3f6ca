import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignmentsOf, roleOf, type Listing } from '../../../src/domain/cycle/index.js';

const listing = fc.record({
  unitId: fc.integer({ min: 1, max: 6 }),
  role: fc.constantFrom('lead' as const, 'support' as const),
  direct: fc.boolean(),
  position: fc.integer({ min: 0, max: 5 }),
});

describe('assignmentsOf', () => {
  it('keeps the role written for a unit named on the task over a leading collective it belongs to', () => {
    const listings: Listing[] = [
      { unitId: 1, role: 'lead', direct: false, position: 0 },
      { unitId: 2, role: 'lead', direct: false, position: 0 },
      { unitId: 2, role: 'support', direct: true, position: 1 },
    ];
    expect(assignmentsOf(listings)).toEqual([
      { unitId: 1, role: 'lead', direct: false, position: 0 },
      { unitId: 2, role: 'support', direct: true, position: 1 },
    ]);
    expect(roleOf(listings, 2)).toBe('support');
  });

  it('makes a unit reached only through collectives lead when any of them leads', () => {
    const listings: Listing[] = [
      { unitId: 3, role: 'support', direct: false, position: 2 },
      { unitId: 3, role: 'lead', direct: false, position: 0 },
    ];
    expect(roleOf(listings, 3)).toBe('lead');
    expect(roleOf(listings, 4)).toBeNull();
  });

  it('lists every unit once, leads first, whatever the order of the listings', () => {
    fc.assert(
      fc.property(fc.array(listing, { maxLength: 12 }), (listings) => {
        const assignments = assignmentsOf(listings);
        const units = assignments.map((a) => a.unitId);
        expect(new Set(units).size).toBe(units.length);
        expect(new Set(units)).toEqual(new Set(listings.map((l) => l.unitId)));
        const firstSupport = assignments.findIndex((a) => a.role === 'support');
        if (firstSupport >= 0) expect(assignments.slice(firstSupport).every((a) => a.role === 'support')).toBe(true);
        expect(assignmentsOf([...listings].reverse())).toEqual(assignments);
      }),
    );
  });

  it('decides a role from the direct listings when there are any, else from the collectives', () => {
    fc.assert(
      fc.property(fc.array(listing, { minLength: 1, maxLength: 12 }), (listings) => {
        for (const { unitId, role } of assignmentsOf(listings)) {
          const own = listings.filter((l) => l.unitId === unitId);
          const deciding = own.some((l) => l.direct) ? own.filter((l) => l.direct) : own;
          expect(role).toBe(deciding.some((l) => l.role === 'lead') ? 'lead' : 'support');
        }
      }),
    );
  });
});
