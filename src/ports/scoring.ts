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
  /** Keeps a published ranking (its rules and result as JSON); its id. */
  saveSnapshot(input: { workspaceId: number; year: number; quarter: number | null; rules: unknown; result: unknown; createdBy: string }): Promise<number>;
  addBonus(input: { workspaceId: number; unitId: number; periodId: number; points: number; reason: string; awardedBy: string }): Promise<number>;
}
