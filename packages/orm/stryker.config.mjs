// Mutation testing: `pnpm mutate` (this package) or `pnpm mutate` at the repository root (all
// packages, one at a time). Not part of `test` or CI: a full run takes far longer than the suite.
// One folder: pnpm mutate --mutate 'src/<folder>/**/*.ts,!src/**/*.test.ts,!src/**/__tests__/**,!src/**/index.ts'
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // Resolved from here: under pnpm, Stryker's own plugin lookup cannot see its sibling packages.
  plugins: [
    import.meta.resolve('@stryker-mutator/vitest-runner'),
    import.meta.resolve('@stryker-mutator/typescript-checker'),
  ],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts', related: true },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/__tests__/**', '!src/**/index.ts'],
  coverageAnalysis: 'perTest',
  // The machine running this is shared; each runner also starts its own DynamoDB Local.
  concurrency: 2,
  timeoutMS: 30_000,
  // A rerun only tests mutants whose source or covering tests changed since the last run.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
