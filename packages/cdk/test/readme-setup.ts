import type { ReadmeSetup } from '@davinci/readme-examples';

/** What the README's prose assumes: its README test and the release rehearsal build the same programs from this. */
export const readmeSetup: ReadmeSetup = {
  contexts: {
    // The cdk-nag block speaks of "your" application: one with a table, synthesized after.
    application: {
      declarations: `
import { Application } from '@davinci/cdk';
import { UserTable } from './tables.js';
const app = new Application({ appName: 'nag-check', deploymentId: 'dev' });
app.addTable(UserTable);`,
      after: 'app.synth();',
    },
  },
};
