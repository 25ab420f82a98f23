// Lint: TypeScript's recommended rules, React hooks, and the import boundaries of CONVENTIONS.md:
// pages → service → (network) → function router → core + lib → database; core imports no edge.
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';

// Every deployable function is a folder of cloudfunctions/ (core/ and lib/ are shared by all).
const FUNCTIONS = readdirSync(new URL('./cloudfunctions', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'core' && d.name !== 'lib')
  .map((d) => d.name);

const boundary = (patterns, message) => ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'build/**', '.data/**', '.tmp/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', 'scripts/**', 'deploy/**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': boundary(['**/cloudfunctions/**', '**/local/**', 'wx-server-sdk'], 'The mini-program reaches the backend only through src/services/api.ts.'),
    },
  },
  {
    files: ['types/**'],
    rules: { 'no-restricted-imports': boundary(['../*', '**/cloudfunctions/**', '**/src/**', 'wx-server-sdk', 'zod'], 'types/ holds contracts only and imports nothing outside itself.') },
  },
  {
    files: ['cloudfunctions/core/**'],
    rules: { 'no-restricted-imports': boundary(['../lib/*', '**/lib/**', 'wx-server-sdk', 'zod', '**/src/**', '**/local/**'], 'core/ is pure: no SDK, no database, no validation library.') },
  },
  {
    files: ['cloudfunctions/**'],
    ignores: ['cloudfunctions/core/**'],
    rules: { 'no-restricted-imports': boundary(['**/src/**', '**/local/**'], 'Functions must not depend on the app or the local cloud.') },
  },
  {
    files: ['cloudfunctions/lib/**'],
    rules: { 'no-restricted-imports': boundary(['**/src/**', '**/local/**', ...FUNCTIONS.map((f) => `../${f}/*`)], 'lib/ holds edges every function shares: it imports no function folder.') },
  },
  // zod as a namespace import only: a named `z` (or re-exporting it) makes the bundler keep the whole
  // library, its 40 locales included, and a function's bundle grows from ~150 KB to ~500 KB.
  {
    files: ['cloudfunctions/**', 'test/**', 'local/**', 'scripts/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "ImportDeclaration[source.value='zod'] > :matches(ImportSpecifier, ImportDefaultSpecifier)", message: "Write `import * as z from 'zod'` (tree-shaken), not a named or default import." },
        { selector: "ExportNamedDeclaration > ExportSpecifier[local.name='z']", message: 'Do not re-export the zod namespace: import it where it is used.' },
        { selector: "ExportAllDeclaration[source.value='zod']", message: 'Do not re-export zod: import it where it is used.' },
      ],
    },
  },
  // A function folder imports core/, lib/, types/ and itself only: what two functions share lives in core/ or lib/.
  ...FUNCTIONS.map((fn) => ({
    files: [`cloudfunctions/${fn}/**`],
    rules: {
      'no-restricted-imports': boundary(
        ['wx-server-sdk', '**/src/**', '**/local/**', ...FUNCTIONS.filter((f) => f !== fn).map((f) => `../${f}/*`)],
        `cloudfunctions/${fn} imports only core/, lib/, types/ and itself; only lib/ touches wx-server-sdk.`,
      ),
    },
  })),
);
