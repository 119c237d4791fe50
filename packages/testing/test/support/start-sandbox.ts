// Starts a sandbox in this process and prints the outcome as JSON (used by the missing-Java test).
import { startSandbox } from '../../src/index.js';

try {
  const sandbox = await startSandbox();
  await sandbox.stop();
  console.log(JSON.stringify({ started: true }));
} catch (error) {
  const { name, message } = error as Error;
  console.log(JSON.stringify({ name, message, code: (error as { code?: string }).code }));
  process.exitCode = 1;
}
