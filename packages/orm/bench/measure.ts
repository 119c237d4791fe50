/**
 * Times competing functions fairly on a shared machine: after a warm-up, the timed rounds
 * alternate between the candidates, so a burst of load hits every candidate alike. Reports the
 * median µs per call of each.
 */

/** Keeps results reachable so the optimiser cannot drop the measured work. */
export let sink: unknown;

const WARMUP_MS = 300;
const ROUND_MS = 100;
const ROUNDS = 11;

function runFor(fn: () => unknown, ms: number): number {
  let calls = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms * 1e6);
  let now = start;
  // Batches of calls keep the clock reads out of the measured cost.
  const batch = 32;
  while (now < deadline) {
    for (let i = 0; i < batch; i++) sink = fn();
    calls += batch;
    now = process.hrtime.bigint();
  }
  return Number(now - start) / calls / 1000;
}

export function measureSideBySide<K extends string>(
  candidates: Record<K, () => unknown>,
): Record<K, number> {
  const names = Object.keys(candidates) as K[];
  for (const name of names) runFor(candidates[name], WARMUP_MS);
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<
    K,
    number[]
  >;
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of names) samples[name].push(runFor(candidates[name], ROUND_MS));
  }
  const medians = {} as Record<K, number>;
  for (const name of names) {
    const sorted = samples[name].sort((a, b) => a - b);
    medians[name] = sorted[Math.floor(sorted.length / 2)] as number;
  }
  return medians;
}

export const ROUNDS_PER_CASE = ROUNDS;
