import type { SlashCommand } from '../src/discord/slash-command.js';
import { auditCommand } from './audit.js';
import { ledgerCommand } from './ledger.js';
import { noticeCommand } from './notice.js';
import { progressCommand } from './progress.js';
import { rankingCommand } from './ranking.js';
import { remindersCommand } from './reminders.js';
import { reportCommand } from './report.js';
import { setupCommand } from './setup.js';
import { statusCommand } from './status.js';
import { summaryCommand } from './summary.js';
import { taskCommand } from './task.js';
import { tasksCommand } from './tasks.js';
import { unitCommand } from './unit.js';

/** Every slash command the bot has; deploy-commands registers exactly these definitions. */
export const slashCommands: readonly SlashCommand[] = [
  setupCommand,
  unitCommand,
  noticeCommand,
  tasksCommand,
  taskCommand,
  progressCommand,
  statusCommand,
  remindersCommand,
  auditCommand,
  rankingCommand,
  reportCommand,
  summaryCommand,
  ledgerCommand,
];
