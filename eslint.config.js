// The boundaries of the codebase (DESIGN.md), checked by `npm run lint` inside `npm test`. Formatting is Prettier's
// (no formatting rules here), types are tsc's (no type-aware rules: the lint stays fast).
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx'];
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
/** Tests and the helpers that boot a real server for them (DESIGN.md convention 9) may reach across boundaries. */
const TEST_SUPPORT = [...TESTS, '**/test/**', '**/testing/**', '**/testkit.ts', '**/*.stories.tsx'];

/** Packages that tie code to one platform: none of them may enter shared/ (it runs in the browser, Node and the CLI). */
const PLATFORM = [
  { group: ['node:*'], message: 'shared/ is platform-free: take what you need from Node as a parameter.' },
  {
    group: ['react', 'react-dom', 'react-dom/*', 'preact', 'preact/*', '@xyflow/*', 'happy-dom', '@testing-library/*'],
    message: 'shared/ is platform-free: UI code belongs to the apps.',
  },
  {
    group: [
      'uws',
      'better-sqlite3',
      'pg',
      'ioredis',
      'ws',
      'y-websocket',
      'pino',
      'prom-client',
      'nodemailer',
      'web-push',
    ],
    message: 'shared/ is platform-free: servers, stores and sockets belong to the runtime.',
  },
];

export default [
  { ignores: ['node_modules/**', 'dist/**', 'data/**', '.tmp/**', 'storybook-static/**'] },
  {
    files: TS,
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      // Imported modules are parsed as TypeScript too (no-cycle follows them).
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      // Packages are never part of a cycle of ours: not parsing them keeps no-cycle fast.
      'import-x/ignore': ['node_modules'],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Type-only cycles are allowed (they vanish at runtime); a value cycle makes load order matter.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      // uws stays at the transport edge (DESIGN.md convention 3): the rest sees a small socket interface.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'uws', message: 'Only runtime/server/transport* and the composition root import uws.' }] },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: TEST_SUPPORT,
    rules: {
      'no-restricted-imports': ['error', { patterns: PLATFORM }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './shared',
              from: ['./runtime', './editor', './web', './cli', './testing', './bench', './e2e', './contract'],
              message: 'shared/ depends on nothing but itself (and platform-free packages).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['editor/**', 'runtime/inbox/**', 'runtime/widget/**', 'web/**'],
    ignores: TEST_SUPPORT,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./editor', './runtime/inbox', './runtime/widget', './web'],
              from: './runtime/server',
              message: 'Apps talk to the server over HTTP and WebSocket; what both sides need lives in shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Where uws may be imported: the transport, the composition root, the test that proves the native binary loads,
    // and the benchmarks' servers.
    files: ['runtime/server/transport*/**', 'runtime/server/startServer.ts', 'runtime/server/api.test.ts', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
