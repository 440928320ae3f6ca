import type { OccurrenceKey, SummaryStore } from '../../ports.js';
import type { RepositoryOf } from './bind.js';

const occurrence = ({ workspaceId, kind, key }: OccurrenceKey) => ({ workspace_id: workspaceId, kind, key });

export const summaryRepository: RepositoryOf<SummaryStore> = {
  async listSchedules(db, workspaceId) {
    const rows = await db.selectFrom('schedules').selectAll().where('workspace_id', '=', workspaceId).execute();
    return rows.map((row) => ({
      kind: row.kind,
      enabled: row.enabled,
      channelId: row.channel_id,
      dmLeaders: row.dm_leaders,
      timeZone: row.time_zone,
      options: row.options,
    }));
  },

  async listWorkspacesWithSchedules(db) {
    const rows = await db.selectFrom('schedules').select('workspace_id').where('enabled', '=', true).distinct().orderBy('workspace_id').execute();
    return rows.map((row) => row.workspace_id);
  },

  async lockSchedules(db, workspaceId) {
    await db.selectFrom('schedules').select('id').where('workspace_id', '=', workspaceId).forUpdate().execute();
  },

  async saveSchedule(db, workspaceId, schedule) {
    const values = {
      enabled: schedule.enabled,
      channel_id: schedule.channelId,
      dm_leaders: schedule.dmLeaders,
      time_zone: schedule.timeZone,
      cron: schedule.cron,
      options: JSON.stringify(schedule.options),
      updated_by: schedule.updatedBy,
      updated_at: schedule.at,
    };
    await db
      .insertInto('schedules')
      .values({ workspace_id: workspaceId, kind: schedule.kind, ...values })
      .onConflict((oc) => oc.columns(['workspace_id', 'kind']).doUpdateSet(values))
      .execute();
  },

  async lockOccurrence(db, key, fresh) {
    // A new occurrence starts released, so it is claimed like one whose last attempt failed.
    await db
      .insertInto('summary_posts')
      .values({ ...occurrence(key), nonce: fresh.nonce, first_claimed_at: fresh.at, claimed_at: fresh.releasedAt, sent: '{}' })
      .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'key']).doNothing())
      .execute();
    const row = await db
      .selectFrom('summary_posts')
      .select(['id', 'status', 'nonce', 'attempts', 'first_claimed_at', 'claimed_at', 'sent', 'sent_at'])
      .where((eb) => eb.and(occurrence(key)))
      .forUpdate()
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      status: row.status,
      nonce: row.nonce,
      attempts: row.attempts,
      firstClaimedAt: row.first_claimed_at,
      claimedAt: row.claimed_at,
      sent: row.sent,
      sentAt: row.sent_at,
    };
  },

  async markClaimed(db, postId, claim) {
    await db
      .updateTable('summary_posts')
      .set({ status: 'sending', attempts: claim.attempts, claimed_at: claim.claimedAt, claim_token: claim.token })
      .where('id', '=', postId)
      .execute();
  },

  async updateUnderClaim(db, key, token, change) {
    const result = await db
      .updateTable('summary_posts')
      .set({ status: change.status, claimed_at: change.claimedAt, sent: JSON.stringify(change.sent), sent_at: change.sentAt })
      .where((eb) => eb.and(occurrence(key)))
      .where('claim_token', '=', token)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  async findStatus(db, key) {
    const row = await db
      .selectFrom('summary_posts')
      .select('status')
      .where((eb) => eb.and(occurrence(key)))
      .executeTakeFirst();
    return row?.status;
  },

  async lastSentAt(db, workspaceId, kind) {
    const row = await db
      .selectFrom('summary_posts')
      .select((eb) => eb.fn.max('sent_at').as('last'))
      .where('workspace_id', '=', workspaceId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return row?.last ?? null;
  },

  async setSubscription(db, workspaceId, userId, subscribe) {
    if (subscribe) {
      const inserted = await db
        .insertInto('summary_subscribers')
        .values({ workspace_id: workspaceId, user_id: userId })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return inserted.numInsertedOrUpdatedRows === 1n;
    }
    const deleted = await db.deleteFrom('summary_subscribers').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
    return deleted.numDeletedRows === 1n;
  },

  async listLeaderRecipients(db, workspaceId) {
    const rows = await db
      .selectFrom('liaisons')
      .select('target_id as user_id')
      .where('workspace_id', '=', workspaceId)
      .where('purpose', '=', 'leader')
      .where('target_kind', '=', 'user')
      .union(db.selectFrom('summary_subscribers').select('user_id').where('workspace_id', '=', workspaceId))
      .orderBy('user_id')
      .execute();
    return rows.map((row) => row.user_id);
  },
};
