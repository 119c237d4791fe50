// Vitest integration, a subpath of its own (`@davinci/testing/vitest`) so that the main entry
// never loads vitest: a sandbox per test file, or one per test run.
export type { SandboxPreparation } from './prepare.js';
export { type SandboxPerRunOptions, sandboxPerRun } from './sandbox-per-run.js';
export { type SandboxPerFileOptions, useSandbox } from './use-sandbox.js';
