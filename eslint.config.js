// Type-aware linting plus the import boundaries of ARCHITECTURE.md, enforced here rather than remembered.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'resources/**', 'tests/fixtures/**', '**/*.mjs', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description', minimumDescriptionLength: 10 }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['shared/**'],
    rules: restrict(
      ['electron', 'node:*', 'fs', 'path', '**/renderer/**', '**/electron/**', 'react', 'react-dom'],
      'shared/ is pure TypeScript: no Node, Electron, DOM or app imports.',
    ),
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: {} },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(['electron', 'node:*', '**/electron/**', 'better-sqlite3'], 'renderer/ imports shared/ and its own files only.'),
  },
  {
    files: ['electron/core/**', 'electron/core-host/**', 'electron/browser-shell/**', 'electron/cli/**'],
    rules: restrict(
      ['electron', 'electron/*', '**/renderer/**', '**/main/**', '**/preload/**'],
      'The core never imports electron, the renderer or the Electron shell.',
    ),
  },
  {
    files: ['electron/preload/**'],
    rules: restrict(
      ['**/main/**', '**/core/**', '**/core-host/**', 'better-sqlite3', '**/renderer/**'],
      'The preload exposes named functions only; it never reaches main or the core.',
    ),
  },
  {
    files: ['electron/main/**'],
    rules: restrict(
      ['better-sqlite3', '**/core/db/**', '**/core/catalog/**', '**/core/orders/**', '**/renderer/**'],
      'electron/main is a thin shell: no SQL, no business rules.',
    ),
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
