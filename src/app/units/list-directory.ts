import { suggestAbbreviationPairs, type AbbreviationPair } from '../../domain/units/index.js';
import type { Liaison, Repositories, Unit } from '../../ports.js';

export interface DirectoryView {
  units: (Unit & { aliases: string[]; liaisons: Liaison[] })[];
  collectives: { id: number; name: string; members: string[] }[];
  /** Units that look like one unit written short and in full (区经信局, 区经济和信息化局): candidates for a merge. */
  abbreviations: AbbreviationPair[];
}

/** The unit directory as /unit list shows it: units by category and pinyin, with aliases, liaisons and collective names. */
export async function listDirectory(store: Repositories, workspaceId: number): Promise<DirectoryView> {
  const [units, aliases, liaisons, collectives] = await Promise.all([
    store.units.list(workspaceId),
    store.units.listAliases(workspaceId),
    store.units.listLiaisons(workspaceId),
    store.units.listCollectives(workspaceId),
  ]);
  const byPinyin = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
  return {
    units: [...units]
      .sort((a, b) => a.category.localeCompare(b.category) || byPinyin(a.name, b.name))
      .map((u) => ({ ...u, aliases: aliases.filter((a) => a.unitId === u.id).map((a) => a.alias), liaisons: liaisons.filter((l) => l.unit_id === u.id) })),
    abbreviations: suggestAbbreviationPairs(units.map((u) => u.name)),
    collectives: collectives.map((c) => ({ ...c, members: [...c.members].sort(byPinyin) })).sort((a, b) => byPinyin(a.name, b.name)),
  };
}
