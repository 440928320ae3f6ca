import type { CliCommand } from './cli-command.js';
import { migrateCommand } from './commands/migrate.js';

export const cliCommands: readonly CliCommand[] = [migrateCommand];
