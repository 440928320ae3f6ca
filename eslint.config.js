// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const adapterPackages = ['discord.js', 'bullmq', 'ioredis', 'kysely', 'pg', 'hono', '@hono/node-server', 'jose'];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Migrations are frozen in time and typed Kysely<any> on purpose (Kysely's documented practice).
    files: ['migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The domain is plain TypeScript: adapters live at the edges.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: adapterPackages.map((name) => ({ name, message: 'src/domain must not import adapter packages.' })),
          patterns: adapterPackages.map((name) => ({ group: [`${name}/*`], message: 'src/domain must not import adapter packages.' })),
        },
      ],
    },
  },
  {
    // Use-cases orchestrate: SQL lives in src/db behind src/ports.ts, messages reach Discord through adapters.
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: adapterPackages.map((name) => ({ name, message: 'src/app must not import adapter packages: use a port (src/ports.ts).' })),
          patterns: [
            ...adapterPackages.map((name) => ({ group: [`${name}/*`], message: 'src/app must not import adapter packages: use a port (src/ports.ts).' })),
            {
              group: ['**/db/repositories/*', '**/db/database.js', '**/db/store.js', '**/db/backup/*', '**/discord/*', '**/queue/*', '**/web/**'],
              message: 'src/app reaches storage, Discord, the queue and the web ledger only through ports (src/ports.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // Adapters do not import each other: the web ledger reads through src/app; Discord gets its links through the app context.
    files: ['src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/discord/**', '**/queue/**', '**/db/**', 'discord.js', 'kysely', 'bullmq'],
              message: 'src/web reads through the use-cases (src/app) and ports; the composition root wires the adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/discord/**/*.ts', 'commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/web/**', 'hono', 'hono/*', 'jose'], message: 'Discord adapters reach the web ledger through the app context (ledgerLinks).' },
          ],
        },
      ],
    },
  },
);
