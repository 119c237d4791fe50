/** Times a function: warm up, then several timed rounds; reports the median µs per call. */

/** Keeps results reachable so the optimiser cannot drop the measured work. */
export let sink: unknown;

const WARMUP_MS = 300;
const ROUND_MS = 150;
const ROUNDS = 9;

function runFor(fn: () => unknown, ms: number): { calls: number; elapsedNs: number } {
  let calls = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms * 1e6);
  let now = start;
  // Batches of calls keep the clock reads out of the measured cost.
  const batch = 64;
  while (now < deadline) {
    for (let i = 0; i < batch; i++) sink = fn();
    calls += batch;
    now = process.hrtime.bigint();
  }
  return { calls, elapsedNs: Number(now - start) };
}

export function measure(fn: () => unknown): number {
  runFor(fn, WARMUP_MS);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { calls, elapsedNs } = runFor(fn, ROUND_MS);
    samples.push(elapsedNs / calls / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}
