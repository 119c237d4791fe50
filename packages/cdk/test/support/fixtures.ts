import { fileURLToPath } from 'node:url';

/** A module exporting small handlers; only its bundling matters to the templates. */
export const HANDLERS_ENTRY = fileURLToPath(
  new URL('../fixtures/handlers/handlers.ts', import.meta.url),
);

/** The seed application used by the CLI tests. */
export const SEED_APP_DIR = fileURLToPath(new URL('../fixtures/seed-app/', import.meta.url));
