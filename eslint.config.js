// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'storybook-static/**', '.storybook/public/**', 'e2e/artifacts/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.tsx', 'packages/hooks/src/react/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The React-free core: a React import here would break the one-way dependency of DESIGN.md.
    files: ['packages/hooks/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['react', 'react-dom', '@tanstack/react-query'], message: 'src/core must not import React.' }] }],
    },
  },
  {
    // The simulator speaks the providers' wire formats from their docs and must not share our adapters' mistakes.
    files: ['packages/testing/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@taskkit/hooks*', '@taskkit/components*', '**/hooks/src/**'], message: '@taskkit/testing imports nothing of ours.' }] }],
    },
  },
  {
    files: ['bench/**', 'packages/testing/src/cli.ts', 'e2e/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
)
