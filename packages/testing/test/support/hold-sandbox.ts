// Starts a sandbox, prints its DynamoDB Local's pid and address as one JSON line, then either
// waits to be killed (`wait`), allocates until V8 aborts for lack of heap (`exhaust-heap`), or
// ends its script without calling stop() (`forget-stop`).
import { startSandbox } from '../../src/index.js';

const sandbox = await startSandbox();
console.log(
  JSON.stringify({
    pid: sandbox.dynamodb?.localPid,
    upstream: sandbox.dynamodb?.upstreamEndpoint,
  }),
);
if (process.argv[2] === 'exhaust-heap') {
  const hoard: string[][] = [];
  setInterval(() => {
    for (let n = 0; n < 10_000; n++) hoard.push([`${Math.random()}`.repeat(20)]);
  }, 1);
} else if (process.argv[2] === 'forget-stop') {
  // Ends without stop(): the process must still exit by itself.
} else {
  setInterval(() => undefined, 60_000);
}
