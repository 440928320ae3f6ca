import type { CalendarFile } from '../domain/calendar/index.js';

/** The holiday arrangements coordinators loaded (one per year), for years the holiday package lacks. */
export interface CalendarStore {
  listFiles(workspaceId: number): Promise<CalendarFile[]>;
  /** Stores the year's file in place of an earlier one; true when one was replaced. */
  replaceFile(input: { workspaceId: number; file: CalendarFile; loadedBy: string; at: Date }): Promise<boolean>;
}
