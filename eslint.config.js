// @ts-check
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/**', 'bench/results/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true, allowTypedFunctionExpressions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      complexity: ['error', 10],
      'max-depth': ['error', 3],
      'max-params': ['error', 4],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // core is pure: no node:*, no SDKs, nothing from the outer layers.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'child_process', 'http', 'https', 'net', 'os'], message: 'core does no I/O: use a port.' },
          { group: ['@kubernetes/*', '@aws-sdk/*', 'pino', 'commander', 'pg', 'better-sqlite3'], message: 'core uses no SDK: use a port.' },
          { group: ['**/providers/**', '**/cli/**', '**/server/**', '**/wiring/**'], message: 'core must not import outer layers.' },
        ],
      }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'lab/**/*.ts'],
    rules: {
      '@typescript-eslint/explicit-function-return-type': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      complexity: 'off',
      'max-depth': 'off',
    },
  },
  { files: ['*.js', 'bin/*.js', '*.config.ts'], ...tseslint.configs.disableTypeChecked },
);
