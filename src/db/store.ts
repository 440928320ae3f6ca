import type { Repositories, Store } from '../ports.js';
import type { Db, DbOrTx } from './database.js';
import { auditRepository } from './repositories/audit.repository.js';
import { bindRepository } from './repositories/bind.js';
import { calendarRepository } from './repositories/calendar.repository.js';
import { cycleRepository } from './repositories/cycle.repository.js';
import { deliveryLedgerRepository } from './repositories/delivery-ledger.repository.js';
import { draftRepository } from './repositories/draft.repository.js';
import { ledgerAccessRepository } from './repositories/ledger-access.repository.js';
import { noticeRepository } from './repositories/notice.repository.js';
import { outboundRepository } from './repositories/outbound.repository.js';
import { periodRepository } from './repositories/period.repository.js';
import { progressRepository } from './repositories/progress.repository.js';
import { reminderRepository } from './repositories/reminder.repository.js';
import { scoringRepository } from './repositories/scoring.repository.js';
import { summaryRepository } from './repositories/summary.repository.js';
import { taskRepository } from './repositories/task.repository.js';
import { unitRepository } from './repositories/unit.repository.js';
import { workspaceRepository } from './repositories/workspace.repository.js';

function repositoriesOn(db: DbOrTx): Repositories {
  return {
    workspaces: bindRepository(db, workspaceRepository),
    units: bindRepository(db, unitRepository),
    audit: bindRepository(db, auditRepository),
    drafts: bindRepository(db, draftRepository),
    cycle: bindRepository(db, cycleRepository),
    periods: bindRepository(db, periodRepository),
    reminders: bindRepository(db, reminderRepository),
    outbound: bindRepository(db, outboundRepository),
    progress: bindRepository(db, progressRepository),
    tasks: bindRepository(db, taskRepository),
    scoring: bindRepository(db, scoringRepository),
    notices: bindRepository(db, noticeRepository),
    calendars: bindRepository(db, calendarRepository),
    summaries: bindRepository(db, summaryRepository),
    deliveries: bindRepository(db, deliveryLedgerRepository),
    ledgerAccess: bindRepository(db, ledgerAccessRepository),
  };
}

/** The use-cases' store on a database: every repository, and transactions over all of them. */
export function createStore(db: Db): Store {
  return { ...repositoriesOn(db), transaction: (work) => db.transaction().execute((trx) => work(repositoriesOn(trx))) };
}
