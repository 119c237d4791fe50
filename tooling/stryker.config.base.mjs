// Shared StrykerJS options for every published package; each package's stryker.config.mjs passes
// its own resolver (under pnpm, plugins are only visible from the package that depends on them).
/**
 * @param {(specifier: string) => string} resolve the package's `import.meta.resolve`
 * @param {{ vitestConfig?: string }} [options] the vitest config Stryker runs (default `vitest.config.ts`)
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function strykerConfig(resolve, { vitestConfig = 'vitest.config.ts' } = {}) {
  return {
    // Resolved from here: under pnpm, Stryker's own plugin lookup cannot see its sibling packages.
    plugins: [
      resolve('@stryker-mutator/vitest-runner'),
      resolve('@stryker-mutator/typescript-checker'),
    ],
    testRunner: 'vitest',
    vitest: { configFile: vitestConfig, related: true },
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
}
