import { canonicalUnitName, guessUnitCategory, looksCollective, type UnitCategory } from './unit-name.js';
import { suggestAliases } from './suggest-aliases.js';

export interface DirectoryEntry {
  id: number;
  name: string;
}

export interface UnitDirectorySnapshot {
  units: DirectoryEntry[];
  aliases: { unitId: number; alias: string }[];
  collectives: DirectoryEntry[];
}

export type ResolvedUnitName =
  | { name: string; kind: 'unit'; unitId: number }
  | { name: string; kind: 'collective'; collectiveId: number }
  | { name: string; kind: 'new_unit'; category: UnitCategory; suggestions: string[] }
  | { name: string; kind: 'new_collective' };

/**
 * Sorts the unit names of a notice into known units (by name or alias), known collectives,
 * and names the directory lacks — with a category guess and alias suggestions for each.
 */
export function resolveUnitNames(names: readonly { name: string; collective: boolean }[], directory: UnitDirectorySnapshot): ResolvedUnitName[] {
  const unitsByName = new Map(directory.units.map((u) => [canonicalUnitName(u.name), u.id]));
  for (const a of directory.aliases) unitsByName.set(canonicalUnitName(a.alias), a.unitId);
  const collectivesByName = new Map(directory.collectives.map((c) => [canonicalUnitName(c.name), c.id]));
  const knownNames = directory.units.map((u) => u.name);

  const seen = new Set<string>();
  const resolved: ResolvedUnitName[] = [];
  for (const entry of names) {
    const name = canonicalUnitName(entry.name);
    if (seen.has(name)) continue;
    seen.add(name);
    const unitId = unitsByName.get(name);
    const collectiveId = collectivesByName.get(name);
    if (unitId !== undefined) resolved.push({ name, kind: 'unit', unitId });
    else if (collectiveId !== undefined) resolved.push({ name, kind: 'collective', collectiveId });
    else if (entry.collective || looksCollective(name)) resolved.push({ name, kind: 'new_collective' });
    else resolved.push({ name, kind: 'new_unit', category: guessUnitCategory(name), suggestions: suggestAliases(name, knownNames) });
  }
  return resolved;
}
