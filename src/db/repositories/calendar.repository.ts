import type { CalendarStore } from '../../ports.js';
import type { RepositoryOf } from './bind.js';

export const calendarRepository: RepositoryOf<CalendarStore> = {
  async listFiles(db, workspaceId) {
    const rows = await db
      .selectFrom('holiday_calendars')
      .select(['year', 'holidays', 'make_up_workdays'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('year')
      .execute();
    return rows.map((r) => ({ year: r.year, holidays: r.holidays, makeUpWorkdays: r.make_up_workdays }));
  },

  async replaceFile(db, { workspaceId, file, loadedBy, at }) {
    // Replace rather than update, so loaded_at says when this file arrived.
    const removed = await db.deleteFrom('holiday_calendars').where('workspace_id', '=', workspaceId).where('year', '=', file.year).executeTakeFirst();
    await db
      .insertInto('holiday_calendars')
      .values({
        workspace_id: workspaceId,
        year: file.year,
        holidays: JSON.stringify(file.holidays),
        make_up_workdays: JSON.stringify(file.makeUpWorkdays),
        loaded_by: loadedBy,
        loaded_at: at,
      })
      .execute();
    return removed.numDeletedRows > 0n;
  },
};
