// Mutation testing: `pnpm mutate` (this package) or `pnpm mutate` at the repository root (all
// packages, one at a time). Not part of `test` or CI: a full run takes far longer than the suite.
// One folder: pnpm mutate --mutate 'src/<folder>/**/*.ts,!src/**/*.test.ts,!src/**/__tests__/**,!src/**/index.ts'
import { strykerConfig } from '../../tooling/stryker.config.base.mjs';

export default strykerConfig(import.meta.resolve);
