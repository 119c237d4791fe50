import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { type AttributeValue, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { FunctionLogLine, Sandbox } from '../src/index.js';
import { BENCH_BUS, BENCH_PIPELINES, BENCH_TABLE, type BenchPipeline } from './app.js';
import { ms, percentile, ratio, table } from './report.js';

const LATENCY_EVENTS = 300;
/**
 * Published at once before the measured events, so every poller of the mapping has invoked and
 * each of its workers is warm: a worker's cold start (about a second here) is not latency.
 */
const LATENCY_WARM_UP = 50;
/** One event every this many ms: well below capacity, so latency is not queueing. */
const LATENCY_INTERVAL_MS = 10;
const THROUGHPUT_EVENTS = 2_000;
/** PutEvents calls in flight at once while flooding; 10 entries each (AWS's maximum). */
const PUBLISHERS = 4;
/** Every phase gives up after this long, and reports what it got. */
const PHASE_LIMIT_MS = 30_000;

const wallClock = () => performance.timeOrigin + performance.now();

/**
 * The moments the handlers' writes were acknowledged, seen from their `wrote <id>` log lines;
 * pass `onFunctionLog` to `startSandbox`.
 */
export class WriteProbe {
  private readonly written = new Map<string, number>();
  private readonly waiters = new Set<() => void>();

  readonly onFunctionLog = ({ line }: FunctionLogLine): void => {
    const id = /wrote (\S+)$/.exec(line)?.[1];
    if (id === undefined) return;
    this.written.set(id, wallClock());
    for (const wake of this.waiters) wake();
  };

  writtenAt(id: string): number | undefined {
    return this.written.get(id);
  }

  /** Resolves once every id is written or `limitMs` passed; returns how many were. */
  async waitForAll(ids: readonly string[], limitMs: number): Promise<number> {
    const count = () => ids.reduce((done, id) => done + (this.written.has(id) ? 1 : 0), 0);
    const deadline = performance.now() + limitMs;
    let done = count();
    while (done < ids.length && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, 50);
        this.waiters.add(wake);
      });
      done = count();
    }
    return done;
  }
}

/** CPU time a process has used so far (Linux /proc), in ms; undefined where it cannot be read. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    // Linux reports in clock ticks, 100 per second on every common configuration.
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

function pipeline(maxConcurrency: number): BenchPipeline {
  const found = BENCH_PIPELINES.find((candidate) => candidate.maxConcurrency === maxConcurrency);
  if (!found) throw new Error(`no pipeline with maxConcurrency ${maxConcurrency}`);
  return found;
}

function entry(detailType: string, id: string) {
  return {
    EventBusName: BENCH_BUS,
    Source: 'bench',
    DetailType: detailType,
    Detail: `{"id":"${id}"}`,
  };
}

/** `receivedAt` of every item whose id starts with `prefix`. */
async function receivedAt(dynamodb: DynamoDBClient, prefix: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamodb.send(
      new ScanCommand({
        TableName: BENCH_TABLE,
        FilterExpression: 'begins_with(id, :prefix)',
        ExpressionAttributeValues: { ':prefix': { S: prefix } },
        ...(startKey && { ExclusiveStartKey: startKey }),
      }),
    );
    for (const item of page.Items ?? []) {
      const id = item.id?.S;
      const at = Number(item.receivedAt?.N);
      if (id !== undefined && Number.isFinite(at)) found.set(id, at);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

/** Publish → handler, one event at a time at a steady pace, on the mapping with concurrency 5. */
export async function benchLatency(sandbox: Sandbox, probe: WriteProbe): Promise<void> {
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  };
  const events = new EventBridgeClient(config);
  const dynamodb = new DynamoDBClient(config);
  const { detailType } = pipeline(5);
  const warmUp = Array.from({ length: LATENCY_WARM_UP }, (_, i) => `latency-warm-up-${i}`);
  for (let first = 0; first < warmUp.length; first += 10) {
    await events.send(
      new PutEventsCommand({
        Entries: warmUp.slice(first, first + 10).map((id) => entry(detailType, id)),
      }),
    );
  }
  const warmed = await probe.waitForAll(warmUp, PHASE_LIMIT_MS);
  const publishedAt = new Map<string, number>();
  const ids: string[] = [];
  const started = performance.now();
  for (let i = 0; i < LATENCY_EVENTS; i++) {
    if (performance.now() - started > PHASE_LIMIT_MS) break;
    const id = `latency-${i}`;
    publishedAt.set(id, wallClock());
    await events.send(new PutEventsCommand({ Entries: [entry(detailType, id)] }));
    ids.push(id);
    const next = started + (i + 1) * LATENCY_INTERVAL_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  const done = await probe.waitForAll(ids, PHASE_LIMIT_MS);
  const received = await receivedAt(dynamodb, 'latency-');
  const toHandler: number[] = [];
  const toWrite: number[] = [];
  for (const id of ids) {
    const published = publishedAt.get(id) as number;
    const handled = received.get(id);
    const written = probe.writtenAt(id);
    if (handled !== undefined) toHandler.push(handled - published);
    if (written !== undefined) toWrite.push(written - published);
  }
  const row = (name: string, samples: number[], p50Target: number, p99Target: number) => {
    const p50 = percentile(samples, 50);
    const p99 = percentile(samples, 99);
    return [
      name,
      String(samples.length),
      ms(p50),
      ms(p99),
      ms(Math.max(...samples)),
      `${ratio(p50 / p50Target)} / ${ratio(p99 / p99Target)}`,
    ];
  };
  table(
    `Publish → handler: PutEvents (SDK) → rule → SQS → event source mapping (maxConcurrency 5, batch 10) → Lambda; ${ids.length} events, one every ${LATENCY_INTERVAL_MS} ms, warm functions`,
    ['until', 'events', 'p50', 'p99', 'max', 'p50 / p99 vs target (50 / 250 ms)'],
    [
      row('the handler takes the record (the timestamp it writes)', toHandler, 50, 250),
      row('its DynamoDB write is acknowledged (its log line after PutItem)', toWrite, 50, 250),
    ],
    `${done} of ${ids.length} writes seen, after ${warmed} of ${LATENCY_WARM_UP} warm-up events published at once had been written. Timestamps: performance.timeOrigin + performance.now() in the bench and in the function's worker thread (same process, same clock); "published" is taken just before PutEvents is sent.`,
  );
}

/** A fixed count of events, flooded in, through each pipeline; rate = events / (last write − first publish). */
export async function benchThroughput(sandbox: Sandbox, probe: WriteProbe): Promise<void> {
  const config = {
    endpoint: sandbox.endpoint,
    region: sandbox.region,
    credentials: { accessKeyId: 'sandbox', secretAccessKey: 'sandbox' },
  };
  const events = new EventBridgeClient(config);
  const rows: string[][] = [];
  const rates = new Map<number, number>();
  for (const { maxConcurrency, detailType } of BENCH_PIPELINES) {
    const ids = Array.from(
      { length: THROUGHPUT_EVENTS },
      (_, i) => `flood-c${maxConcurrency}-${i}`,
    );
    const started = performance.now();
    const startedWall = wallClock();
    const nodeCpuBefore = process.cpuUsage();
    const javaCpuBefore = processCpuMs(sandbox.dynamodb?.localPid);
    let nextBatch = 0;
    const publisher = async () => {
      for (;;) {
        const batch = ids.slice(nextBatch, nextBatch + 10);
        nextBatch += 10;
        if (batch.length === 0 || performance.now() - started > PHASE_LIMIT_MS) return;
        const { FailedEntryCount } = await events.send(
          new PutEventsCommand({ Entries: batch.map((id) => entry(detailType, id)) }),
        );
        if (FailedEntryCount) throw new Error(`${FailedEntryCount} entries were refused`);
      }
    };
    await Promise.all(Array.from({ length: PUBLISHERS }, publisher));
    const published = performance.now() - started;
    const done = await probe.waitForAll(ids, PHASE_LIMIT_MS - published);
    const lastWrite = Math.max(...ids.map((id) => probe.writtenAt(id) ?? 0));
    const elapsed = lastWrite - startedWall;
    const rate = done / (elapsed / 1000);
    rates.set(maxConcurrency, rate);
    const nodeCpu = process.cpuUsage(nodeCpuBefore);
    const measuredFor = performance.now() - started;
    const nodeCores = (nodeCpu.user + nodeCpu.system) / 1000 / measuredFor;
    const javaCpuAfter = processCpuMs(sandbox.dynamodb?.localPid);
    const javaCores =
      javaCpuBefore !== undefined && javaCpuAfter !== undefined
        ? ((javaCpuAfter - javaCpuBefore) / measuredFor).toFixed(2)
        : 'n/a';
    rows.push([
      maxConcurrency < 2 ? '1 (template override; AWS allows ≥ 2)' : String(maxConcurrency),
      `${done} / ${ids.length}`,
      (ids.length / (published / 1000)).toFixed(0),
      ms(elapsed),
      rate.toFixed(0),
      `${nodeCores.toFixed(2)} / ${javaCores}`,
      loadavg()[0]?.toFixed(1) ?? 'n/a',
    ]);
  }
  const atFive = rates.get(5) ?? 0;
  for (const row of rows) {
    const concurrency = Number.parseInt(row[0] as string, 10);
    row.push(
      ratio((rates.get(concurrency) ?? 0) / atFive),
      ratio((rates.get(concurrency) ?? 0) / 500),
    );
  }
  table(
    `Sustained: ${THROUGHPUT_EVENTS} events flooded by ${PUBLISHERS} concurrent PutEvents of 10 → rule → SQS → mapping (batch 10) → handler → one PutItem per event`,
    [
      'maxConcurrency',
      'written',
      'published / s',
      'first publish → last write',
      'events / s',
      'CPU cores used: Node / DynamoDB Local',
      'load avg (1 min)',
      'vs 5',
      'vs target 500/s',
    ],
    rows,
    `Target ≥ 500 events/s at maxConcurrency 5. CPU: the bench process (the bench's client, the edge, every function's worker thread) and DynamoDB Local's JVM, over the pipeline's run, of the machine's ${availableParallelism()}. Each pipeline has its own rule, queue and function; they run one after the other. Limit ${PHASE_LIMIT_MS / 1000} s per pipeline.`,
  );
}
