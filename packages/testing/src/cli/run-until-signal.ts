import type { Sandbox } from '../sandbox.js';
import type { CliOutput } from './output.js';

/**
 * Keeps the sandbox running until Ctrl-C (SIGINT) or SIGTERM, then stops it, DynamoDB Local
 * included, and exits 0. A second signal while stopping exits at once (the DynamoDB Local
 * watchdog still ends the JVM when this process is gone).
 */
export function runUntilSignal(
  sandbox: Sandbox,
  output: CliOutput,
  beforeStop: () => void | Promise<void> = () => undefined,
): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        output.error(`${signal} again: exiting without waiting`);
        process.exit(130);
      }
      stopping = true;
      output.line(`${signal}: stopping the sandbox …`);
      void (async () => {
        try {
          await beforeStop();
          await sandbox.stop();
          output.line('stopped');
          process.exitCode = 0;
        } catch (error) {
          output.error(`stopping failed: ${(error as Error).message}`);
          process.exitCode = 1;
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          clearInterval(keepAlive);
          resolve();
        }
      })();
    };
    // The sandbox's endpoint does not keep a process alive by itself (by design, for tests).
    const keepAlive = setInterval(() => undefined, 1 << 30);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
