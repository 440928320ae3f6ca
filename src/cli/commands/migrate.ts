import { parseArgs } from 'node:util';
import { migrateDown, migrateToLatest, migrationStatus } from '../../db/migrate.js';
import type { CliCommand } from '../cli-command.js';
import { withStorage } from '../with-storage.js';

const actions = ['latest', 'down', 'status'] as const;

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'Apply, revert or list database migrations',
  usage: 'duban migrate [latest|down|status]',
  async run(argv, io) {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    const action = positionals[0] ?? 'latest';
    if (!actions.includes(action as (typeof actions)[number])) {
      io.stderr(`Unknown migrate action "${action}". Use one of: ${actions.join(', ')}.`);
      return 2;
    }
    return withStorage(
      async (storage) => {
        if (action === 'status') {
          for (const m of await migrationStatus(storage.db)) {
            io.stdout(`${m.executedAt ? `applied ${m.executedAt.toISOString()}` : 'pending                          '}  ${m.name}`);
          }
          return 0;
        }
        const names = action === 'down' ? await migrateDown(storage.db) : await migrateToLatest(storage.db);
        io.stdout(names.length === 0 ? 'Nothing to do.' : names.map((n) => `${action === 'down' ? 'reverted' : 'applied'}  ${n}`).join('\n'));
        io.stdout(`(${storage.kind}: ${storage.location})`);
        return 0;
      },
      { migrate: false },
    );
  },
};
