import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// Stryker's vitest runner only: the tests that bundle Lambda code need a stdio with a descriptor.
export default mergeConfig(
  base,
  defineConfig({ test: { setupFiles: ['./test/worker-thread-stdio.ts'] } }),
);
