import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports flow one way: ui → contract (types) ← node → network → core. */
const layerRules = (forbidden, extraPatterns = []) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        ...forbidden.map((layer) => ({
          group: [`**/${layer}/*`, `../${layer}`, `../../${layer}`],
          message: `Imports flow one way: ui → contract (types) ← node → network → core. This layer may not import from ${layer}/.`,
        })),
        ...extraPatterns,
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist', 'dist-bench', 'node_modules', 'test-results', 'playwright-report', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
  {
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: globals.node,
    },
  },
  {
    // The benchmark runner passes functions to the page: they run with the browser's globals.
    files: ['scripts/bench.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  { files: ['src/core/**/*.ts'], rules: layerRules(['contract', 'network', 'node', 'ui']) },
  { files: ['src/network/**/*.ts'], rules: layerRules(['contract', 'node', 'ui']) },
  { files: ['src/contract/**/*.ts'], rules: layerRules(['node', 'ui']) },
  { files: ['src/node/**/*.ts'], rules: layerRules(['ui']) },
  // The server shares the network's topic rules and limits, nothing of the node or the page.
  { files: ['server/**/*.ts'], rules: layerRules(['node', 'ui']) },
  {
    // The page sees the node only through its API type; the worker is started by URL.
    files: ['src/ui/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    rules: {
      ...reactHooks.configs.flat['recommended-latest'].rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/node/*', '**/node/**'],
              message: 'The page sees the node only through the contract (src/contract), as types; the worker is started by URL.',
            },
            {
              group: ['**/contract/*'],
              allowTypeImports: true,
              message: 'Import the contract as types only: `import type`.',
            },
            {
              group: ['**/network/*-transport', '**/network/peer-network', '**/network/messages', '**/network/signing'],
              message: 'The page reaches the network only through its node (the contract).',
            },
          ],
        },
      ],
    },
  },
  {
    // Every word on the page comes from the translations (src/ui/i18n); marks, symbols, the name
    // of the project and the tutorial's field names may stay.
    files: ['src/ui/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', { mode: 'jsx-text-only', words: { exclude: ['^[\\W\\d_]*$', '^tabchain$', '^previous_hash$'] } }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.test-suite.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
