import { ConfigError } from '../config.js';
import { StartupError, UserError } from '../errors.js';
import { MigrationError } from '../db/migrate.js';
import { describeError } from '../redact.js';
import type { CliCommand, CliIo } from './cli-command.js';
import { cliCommands } from './registry.js';

function usage(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'duban — 督办: supervision of a local government work plan, in Discord.',
    '',
    'Usage: duban <command> [options]',
    '',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '  duban --help'.padEnd(width + 2) + '  Show this help',
    '',
    'Configuration comes from the environment or .env (see .env.example).',
  ].join('\n');
}

/** Runs one subcommand; expected failures print one clear message and give a non-zero code. */
export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommand[] = cliCommands): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage(commands));
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${usage(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StartupError || error instanceof MigrationError) {
      io.stderr(describeError(error, false));
      return 1;
    }
    // What the person asked for cannot be done as asked: say why (in Chinese) and exit 2.
    if (error instanceof UserError) {
      io.stderr(error.message);
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    throw error;
  }
}
