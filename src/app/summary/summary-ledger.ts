import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../db/database.js';
import type { ScheduleKind } from '../../db/tables/index.js';

/*
 * The delivery ledger of the leaders' summaries, kept in the schedule row's options (the ledger
 * tables' kinds are fixed by their migration). One entry per occurrence ("digest-2026-03-27",
 * "ranking-2026-Q1"), claimed under a row lock with a lease; every send carries a nonce derived from
 * the entry (enforce_nonce), and a retry after a crash first looks for the marker in the channel.
 */

const entrySchema = z.object({
  status: z.enum(['sending', 'sent']),
  nonce: z.string(),
  attempts: z.number().int(),
  firstClaimedAt: z.string(),
  claimedAt: z.string(),
  /** Target key ("channel:123", "dm:456") → message id, for targets already done. */
  sent: z.record(z.string(), z.string()),
  sentAt: z.string().optional(),
});
export type LedgerEntry = z.infer<typeof entrySchema>;
const ledgerSchema = z.record(z.string(), entrySchema);

/** Entries kept per schedule: enough for catch-up and for "since the last digest". */
const KEEP = 30;

export type SummaryClaim = { kind: 'claimed'; entry: LedgerEntry } | { kind: 'settled' } | { kind: 'busy' };

function readLedger(options: unknown): Record<string, LedgerEntry> {
  const parsed = ledgerSchema.safeParse((options as { ledger?: unknown } | null)?.ledger ?? {});
  return parsed.success ? parsed.data : {};
}

async function writeEntry(db: DbOrTx, scheduleId: number, options: Record<string, unknown>, key: string, entry: LedgerEntry): Promise<void> {
  const ledger = { ...readLedger(options), [key]: entry };
  const kept = Object.fromEntries(Object.entries(ledger).sort(([, a], [, b]) => a.firstClaimedAt.localeCompare(b.firstClaimedAt)).slice(-KEEP));
  await db.updateTable('schedules').set({ options: JSON.stringify({ ...options, ledger: kept }) }).where('id', '=', scheduleId).execute();
}

/** Claims an occurrence for sending; a sent one is settled, one held under a live lease is busy. */
export async function claimOccurrence(db: Db, workspaceId: number, kind: ScheduleKind, key: string, leaseMs: number): Promise<SummaryClaim> {
  return db.transaction().execute(async (trx) => {
    // A digest asked for with /summary now may come before any schedule was set: keep its ledger all the same.
    await trx.insertInto('schedules').values({ workspace_id: workspaceId, kind, enabled: false }).onConflict((oc) => oc.columns(['workspace_id', 'kind']).doNothing()).execute();
    const row = await trx.selectFrom('schedules').select(['id', 'options']).where('workspace_id', '=', workspaceId).where('kind', '=', kind).forUpdate().executeTakeFirst();
    if (!row) return { kind: 'settled' } as const;
    const now = new Date();
    const previous = readLedger(row.options)[key];
    if (previous?.status === 'sent') return { kind: 'settled' } as const;
    if (previous && Date.parse(previous.claimedAt) > now.getTime() - leaseMs) return { kind: 'busy' } as const;
    const entry: LedgerEntry = {
      status: 'sending',
      // 22 characters, so a target index can be appended within Discord's 25.
      nonce: previous?.nonce ?? `s${randomBytes(8).toString('hex')}${randomBytes(3).toString('hex').slice(0, 5)}`,
      attempts: (previous?.attempts ?? 0) + 1,
      firstClaimedAt: previous?.firstClaimedAt ?? now.toISOString(),
      claimedAt: now.toISOString(),
      sent: previous?.sent ?? {},
    };
    await writeEntry(trx, row.id, row.options, key, entry);
    return { kind: 'claimed', entry } as const;
  });
}

/** Records progress (a target done) or the end (status sent) of an occurrence. */
export async function updateOccurrence(db: DbOrTx, workspaceId: number, kind: ScheduleKind, key: string, entry: LedgerEntry): Promise<void> {
  const row = await db.selectFrom('schedules').select(['id', 'options']).where('workspace_id', '=', workspaceId).where('kind', '=', kind).executeTakeFirst();
  if (row) await writeEntry(db, row.id, row.options, key, entry);
}

/** When the last digest went out, so the next one lists what came in since. */
export async function lastSentAt(db: DbOrTx, workspaceId: number, kind: ScheduleKind): Promise<Date | null> {
  const row = await db.selectFrom('schedules').select('options').where('workspace_id', '=', workspaceId).where('kind', '=', kind).executeTakeFirst();
  const times = Object.values(readLedger(row?.options)).flatMap((entry) => (entry.sentAt ? [Date.parse(entry.sentAt)] : []));
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/** Clears an entry's lease after a failed attempt, so the retry need not wait for it. */
export function releasedEntry(entry: LedgerEntry): LedgerEntry {
  return { ...entry, claimedAt: new Date(0).toISOString() };
}

/** True once the occurrence went out: lets a job skip building it (and saving a ranking snapshot) again. */
export async function isOccurrenceSent(db: DbOrTx, workspaceId: number, kind: ScheduleKind, key: string): Promise<boolean> {
  const row = await db.selectFrom('schedules').select('options').where('workspace_id', '=', workspaceId).where('kind', '=', kind).executeTakeFirst();
  return readLedger(row?.options)[key]?.status === 'sent';
}
