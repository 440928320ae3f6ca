// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const adapterPackages = ['discord.js', 'bullmq', 'ioredis', 'kysely', 'pg'];

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
);
