/** A bonus (加分) awarded to a unit in a period, with the reason units read. */
export interface BonusRecord {
  readonly periodId: number;
  readonly unitId: number;
  readonly points: number;
  readonly reason: string;
}

export interface ScoringStore {
  /** The bonuses of these periods, in the order they were awarded (the cap counts in that order). */
  listBonuses(workspaceId: number, periodIds: readonly number[]): Promise<BonusRecord[]>;
  addBonus(input: { workspaceId: number; unitId: number; periodId: number; points: number; reason: string; awardedBy: string }): Promise<number>;
}
