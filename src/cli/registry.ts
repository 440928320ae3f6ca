import type { CliCommand } from './cli-command.js';
import { deployCommandsCommand } from './commands/deploy-commands.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { parseCommand } from './commands/parse.js';
import { rankingCommand } from './commands/ranking.js';
import { reportCommand } from './commands/report.js';
import { restoreCommand } from './commands/restore.js';

export const cliCommands: readonly CliCommand[] = [
  migrateCommand,
  parseCommand,
  importCommand,
  deployCommandsCommand,
  rankingCommand,
  reportCommand,
  exportCommand,
  restoreCommand,
];
