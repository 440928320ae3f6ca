import type { ScheduleKind, SummaryPostStatus } from '../db/tables/index.js';

/** A leaders' summary schedule as stored (schedules row). */
export interface ScheduleRecord {
  readonly kind: ScheduleKind;
  readonly enabled: boolean;
  readonly channelId: string | null;
  readonly dmLeaders: boolean;
  readonly timeZone: string;
  readonly options: unknown;
}

/** One occurrence of a summary in its delivery ledger (summary_posts row). */
export interface SummaryPostRecord {
  readonly id: number;
  readonly status: SummaryPostStatus;
  readonly nonce: string;
  readonly attempts: number;
  readonly firstClaimedAt: Date;
  readonly claimedAt: Date;
  readonly sent: Record<string, string>;
  readonly sentAt: Date | null;
}

export interface OccurrenceKey {
  workspaceId: number;
  kind: ScheduleKind;
  key: string;
}

/** The leaders' summaries: their schedules, their delivery ledger and the leaders who asked for DMs. */
export interface SummaryStore {
  listSchedules(workspaceId: number): Promise<ScheduleRecord[]>;
  /** Workspaces with at least one schedule turned on. */
  listWorkspacesWithSchedules(): Promise<number[]>;
  /** Holds the workspace's schedule rows until the transaction ends. */
  lockSchedules(workspaceId: number): Promise<void>;
  saveSchedule(workspaceId: number, schedule: ScheduleRecord & { cron: string; updatedBy: string; at: Date }): Promise<void>;

  /** The occurrence's row, created (released, with this nonce) when new, and held until the transaction ends. */
  lockOccurrence(occurrence: OccurrenceKey, fresh: { nonce: string; at: Date; releasedAt: Date }): Promise<SummaryPostRecord>;
  markClaimed(postId: number, claim: { attempts: number; claimedAt: Date; token: string }): Promise<void>;
  /** Writes the occurrence's progress under this claim token only; false when another claim holds it now. */
  updateUnderClaim(
    occurrence: OccurrenceKey,
    token: string,
    change: { status: SummaryPostStatus; claimedAt: Date; sent: Record<string, string>; sentAt: Date | null },
  ): Promise<boolean>;
  findStatus(occurrence: OccurrenceKey): Promise<SummaryPostStatus | undefined>;
  /** When the last occurrence of this kind went out. */
  lastSentAt(workspaceId: number, kind: ScheduleKind): Promise<Date | null>;

  /** Adds or removes a leader's DM subscription; whether anything changed. */
  setSubscription(workspaceId: number, userId: string, subscribe: boolean): Promise<boolean>;
  /** Leaders to DM: those bound to a unit as its leader, and those who subscribed. */
  listLeaderRecipients(workspaceId: number): Promise<string[]>;
}
