import { createHash } from 'node:crypto';
import type { Db } from '../../../src/db/database.js';

export interface SeededIds {
  workspaceId: number;
  guildId: string;
}

/**
 * A workspace with at least one row in every table a backup carries, using the awkward values
 * (microsecond timestamps, numerics, binary files, nested JSON, zero-width and emoji text).
 */
export async function seedEveryTable(db: Db, guildId: string, tag: string): Promise<SeededIds> {
  const ws = await db
    .insertInto('workspaces')
    .values({
      guild_id: guildId,
      name: `清河区人民政府${tag}`,
      region_name: '清河区',
      coordinator_role_id: '200000000000000001',
      reminder_plan: JSON.stringify({ stages: ['before5', 'due'] }),
      scoring_rules: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const w = ws.id;
  const [unitA, unitB] = await db
    .insertInto('units')
    .values([
      { workspace_id: w, name: `区司法局${tag}`, category: 'department' },
      { workspace_id: w, name: `城关镇${tag}`, category: 'township', active: false },
    ])
    .returning('id')
    .execute();
  const a = unitA!.id;
  const b = unitB!.id;
  await db
    .insertInto('unit_aliases')
    .values({ workspace_id: w, unit_id: a, alias: `区法制局${tag}` })
    .execute();
  const collective = await db
    .insertInto('collective_names')
    .values({ workspace_id: w, name: `各镇政府（街道办事处）${tag}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('collective_members').values({ workspace_id: w, collective_id: collective.id, unit_id: b }).execute();
  await db
    .insertInto('liaisons')
    .values({ workspace_id: w, unit_id: b, target_kind: 'user', target_id: '300000000000000001', purpose: 'liaison', created_by: '300000000000000009' })
    .execute();
  const notice = await db
    .insertInto('notices')
    .values({
      workspace_id: w,
      year: 2026,
      version: 1,
      title: '清河区2026年法治政府建设工作要点',
      issuer: null,
      source_kind: 'docx',
      source_name: '工作要点.docx',
      source_text: '一、依法行政\n（一）开展评查。\u200b（区司法局负责）😀',
      parsed: JSON.stringify({ sections: [{ no: 1, title: '依法行政', tasks: [{ no: 1, units: ['区司法局'], targets: [] }] }], diagnostics: [] }),
      imported_by: '300000000000000009',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const section = await db
    .insertInto('sections')
    .values({ workspace_id: w, notice_id: notice.id, no: 1, title: '依法行政', position: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto('tasks')
    .values({
      workspace_id: w,
      year: 2026,
      notice_id: notice.id,
      section_id: section.id,
      seq: 1,
      label: '（一）',
      no: 1,
      title: '开展评查',
      body: '开展行政执法案卷评查',
      deadline_phrase: '2026年6月底前',
      due_date: '2026-06-30',
      targets: JSON.stringify(['评查不少于1次']),
      state: 'closed',
      closed_at: new Date('2026-05-01T02:03:04.567Z'),
      closed_by: '300000000000000009',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('task_units')
    .values([
      { workspace_id: w, task_id: task.id, unit_id: a, collective_id: null, role: 'lead', position: 0, name_as_written: '区司法局' },
      {
        workspace_id: w,
        task_id: task.id,
        unit_id: null,
        collective_id: collective.id,
        role: 'support',
        position: 1,
        name_as_written: '各镇政府（街道办事处）',
      },
    ])
    .execute();
  await db
    .insertInto('task_actions')
    .values({ workspace_id: w, task_id: task.id, action: 'extend', reason: '汛期', new_due_date: '2026-07-31', actor_id: '300000000000000009' })
    .execute();
  const period = await db
    .insertInto('reporting_periods')
    .values({ workspace_id: w, year: 2026, key: '2026-Q2', label: '2026年第二季度', starts_on: '2026-04-01', ends_on: '2026-06-30', due_date: '2026-06-25' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const report = await db
    .insertInto('progress_reports')
    .values({
      workspace_id: w,
      task_id: task.id,
      unit_id: a,
      period_id: period.id,
      status: 'done',
      body: '已完成评查 3 次。',
      percent: 100,
      rating: 'good',
      rated_by: '300000000000000009',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const revision = await db
    .insertInto('progress_revisions')
    .values({
      workspace_id: w,
      report_id: report.id,
      revision: 1,
      status: 'done',
      body: '已完成评查 3 次。',
      percent: 100,
      late: false,
      source: 'modal',
      submitted_by: '300000000000000001',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const content = new Uint8Array(Array.from({ length: 1000 }, (_, i) => (i * 37) % 256));
  await db
    .insertInto('evidence_files')
    .values({
      workspace_id: w,
      revision_id: revision.id,
      filename: '评查记录.pdf',
      content_type: 'application/pdf',
      size_bytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      content,
    })
    .execute();
  await db
    .insertInto('reminder_deliveries')
    .values({
      workspace_id: w,
      unit_id: a,
      period_id: period.id,
      stage: 'before1',
      fire_at: '2026-06-24T01:00:00.123456Z',
      nonce: `n-${tag}-1`,
      status: 'sent',
      channel_id: '400000000000000001',
      message_id: '500000000000000001',
      sent_at: '2026-06-24T01:00:01.654321Z',
      attempts: 1,
    })
    .execute();
  await db
    .insertInto('outbound_messages')
    .values({
      workspace_id: w,
      kind: 'task_action',
      dedupe_key: `task-${task.id}-extend`,
      audience: 'unit',
      unit_id: a,
      payload: JSON.stringify({ action: 'extend', due: '2026-07-31' }),
      nonce: `o-${tag}-1`,
    })
    .execute();
  await db
    .insertInto('schedules')
    .values({
      workspace_id: w,
      kind: 'weekly_digest',
      cron: '0 9 * * 1',
      channel_id: '400000000000000002',
      options: JSON.stringify({ leaders: true }),
      updated_by: '300000000000000009',
    })
    .execute();
  await db
    .insertInto('summary_posts')
    .values({
      workspace_id: w,
      kind: 'weekly_digest',
      key: 'digest-2026-06-26',
      status: 'sent',
      nonce: `s-${tag}-1`,
      attempts: 2,
      first_claimed_at: '2026-06-26T08:00:00.123Z',
      claimed_at: '2026-06-26T08:05:00.456Z',
      sent: JSON.stringify({ 'channel:400000000000000002': '500000000000000002', 'dm:300000000000000001': 'failed' }),
      sent_at: '2026-06-26T08:05:01.789Z',
    })
    .execute();
  await db.insertInto('summary_subscribers').values({ workspace_id: w, user_id: '300000000000000003' }).execute();
  await db.insertInto('ledger_revocations').values({ workspace_id: w, user_id: '300000000000000003', revoked_before: '2026-06-26T08:05:01.789Z' }).execute();
  await db
    .insertInto('holiday_calendars')
    .values({
      workspace_id: w,
      year: 2027,
      holidays: JSON.stringify(['2027-10-01']),
      make_up_workdays: JSON.stringify(['2027-10-09']),
      loaded_by: '300000000000000009',
    })
    .execute();
  await db
    .insertInto('score_adjustments')
    .values({ workspace_id: w, unit_id: a, period_id: period.id, points: '2.50', reason: '经验被省里推广', awarded_by: '300000000000000009' })
    .execute();
  await db
    .insertInto('ranking_snapshots')
    .values({
      workspace_id: w,
      year: 2026,
      quarter: 2,
      rules: JSON.stringify({ base: 100 }),
      result: JSON.stringify({ department: [{ name: '区司法局', score: 102.5 }] }),
      created_by: 'cli',
    })
    .execute();
  await db
    .insertInto('audit_log')
    .values([
      {
        workspace_id: w,
        actor_id: '300000000000000009',
        action: 'unit.add',
        subject_type: 'unit',
        subject_id: String(a),
        details: JSON.stringify({ name: '区司法局' }),
      },
      {
        workspace_id: w,
        actor_id: 'cli',
        actor_kind: 'cli',
        action: 'notice.import',
        details: JSON.stringify({ year: 2026, nested: { a: [1, null, '@everyone'] } }),
      },
    ])
    .execute();
  await db
    .insertInto('drafts')
    .values({
      id: `draft-${guildId}`,
      workspace_id: w,
      kind: 'notice_import',
      owner_id: '300000000000000009',
      payload: '{}',
      expires_at: new Date(Date.now() + 3_600_000),
    })
    .execute();
  return { workspaceId: w, guildId };
}
