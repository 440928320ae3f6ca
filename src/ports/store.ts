import type { AuditStore } from './audit.js';
import type { CalendarStore } from './calendars.js';
import type { CycleStore, PeriodStore } from './cycle.js';
import type { DeliveryLedgerStore } from './deliveries.js';
import type { DraftStore } from './drafts.js';
import type { LedgerAccessStore } from './ledger.js';
import type { NoticeStore } from './notices.js';
import type { OutboundStore } from './outbound.js';
import type { ProgressStore } from './progress.js';
import type { ReminderStore } from './reminders.js';
import type { ScoringStore } from './scoring.js';
import type { SummaryStore } from './summaries.js';
import type { TaskStore } from './tasks.js';
import type { UnitStore } from './units.js';
import type { WorkspaceStore } from './workspaces.js';

/** Every store the use-cases read and write through; implemented on Kysely in src/db/repositories. */
export interface Repositories {
  readonly workspaces: WorkspaceStore;
  readonly units: UnitStore;
  readonly audit: AuditStore;
  readonly drafts: DraftStore;
  readonly cycle: CycleStore;
  readonly periods: PeriodStore;
  readonly reminders: ReminderStore;
  readonly outbound: OutboundStore;
  readonly progress: ProgressStore;
  readonly tasks: TaskStore;
  readonly scoring: ScoringStore;
  readonly notices: NoticeStore;
  readonly calendars: CalendarStore;
  readonly summaries: SummaryStore;
  readonly deliveries: DeliveryLedgerStore;
  readonly ledgerAccess: LedgerAccessStore;
}

export interface Store extends Repositories {
  /** Runs `work` in one transaction: every write it makes lands, or none does. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}
