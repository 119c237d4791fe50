import { fileURLToPath } from 'node:url';

/** A module exporting small handlers; only its bundling matters to the templates. */
export const HANDLERS_ENTRY = fileURLToPath(
  new URL('../fixtures/handlers/handlers.ts', import.meta.url),
);

/** The user registration example app, run by the CLI tests. */
export const USER_SYSTEM_APP_DIR = fileURLToPath(
  new URL('../fixtures/user-system-app/', import.meta.url),
);
