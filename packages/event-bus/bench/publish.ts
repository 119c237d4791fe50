// Publish batching: PutEvents requests needed per 1,000 events, EventPublisher against the
// alternatives, measured at a local endpoint that answers like EventBridge and counts requests.
import { performance } from 'node:perf_hooks';
import { Event } from '../src/events/event.js';
import { startPutEventsEndpoint } from '../src/publisher/__tests__/eventbridge-endpoint.js';
import { packFirstFit, packIntoRequests } from '../src/publisher/batching.js';
import {
  MAX_ENTRIES_PER_REQUEST,
  MAX_REQUEST_SIZE_BYTES,
  putEventsEntrySize,
} from '../src/publisher/entry-size.js';
import { EventPublisher } from '../src/publisher/event-publisher.js';

const EVENTS = 1_000;
const SOURCE = 'user-system';

/** Deterministic pseudo-random numbers (LCG), so every run publishes the same sizes. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

const small = (n: number) =>
  new Event({
    eventType: 'user.created',
    body: { user_id: `u${n}`, email: `u${n}@example.com`, name: `User ${n}` },
  });

/** Mixed sizes up to the limit: a third tiny, the rest spread over 20 KB … 255 KB. */
function mixed(): Event[] {
  const next = random(42);
  const targets = [200, 200, 200, 20_000, 60_000, 100_000, 140_000, 180_000, 220_000, 255_000];
  return Array.from({ length: EVENTS }, (_, n) => {
    const target = targets[Math.floor(next() * targets.length)] ?? 200;
    const jitter = Math.floor(next() * Math.min(target, 6_000));
    return new Event({
      eventType: 'user.created',
      body: { user_id: `u${n}`, pad: 'x'.repeat(Math.max(0, target - jitter)) },
    });
  });
}

const sizeOf = (event: Event) =>
  putEventsEntrySize({
    Source: SOURCE,
    DetailType: event.eventType,
    Detail: event.toDetail(),
    Time: event.created,
  });

/** Requests a strategy would send, and how many of them EventBridge would refuse as too large. */
interface Plan {
  requests: number;
  invalid: number;
}

function fixedChunks(sizes: number[]): Plan {
  let requests = 0;
  let invalid = 0;
  for (let start = 0; start < sizes.length; start += MAX_ENTRIES_PER_REQUEST) {
    requests++;
    const bytes = sizes.slice(start, start + MAX_ENTRIES_PER_REQUEST).reduce((a, b) => a + b, 0);
    if (bytes > MAX_REQUEST_SIZE_BYTES) invalid++;
  }
  return { requests, invalid };
}

function nextFit(sizes: number[]): Plan {
  let requests = 0;
  let entries = MAX_ENTRIES_PER_REQUEST;
  let bytes = MAX_REQUEST_SIZE_BYTES;
  for (const size of sizes) {
    if (entries === MAX_ENTRIES_PER_REQUEST || bytes + size > MAX_REQUEST_SIZE_BYTES) {
      requests++;
      entries = 0;
      bytes = 0;
    }
    entries++;
    bytes += size;
  }
  return { requests, invalid: 0 };
}

/** No packing can do better: ⌈n/10⌉, ⌈total/256 KB⌉, and one request per entry over 128 KB. */
const lowerBound = (sizes: number[]) =>
  Math.max(
    Math.ceil(sizes.length / MAX_ENTRIES_PER_REQUEST),
    Math.ceil(sizes.reduce((a, b) => a + b, 0) / MAX_REQUEST_SIZE_BYTES),
    sizes.filter((size) => size > MAX_REQUEST_SIZE_BYTES / 2).length,
  );

/** Publishes through the SDK to a counting endpoint; returns requests sent and wall time. */
async function measure(
  events: Event[],
  oneByOne: boolean,
): Promise<{ requests: number; ms: number }> {
  const endpoint = await startPutEventsEndpoint();
  try {
    const publisher = new EventPublisher({
      client: endpoint.client(),
      eventBusName: 'bench',
      source: SOURCE,
    });
    const started = performance.now();
    if (oneByOne) for (const event of events) await publisher.submit(event);
    else await publisher.submitMany(events);
    const ms = performance.now() - started;
    const sent = endpoint.requests.reduce((sum, request) => sum + request.Entries.length, 0);
    if (sent !== events.length)
      throw new Error(`endpoint received ${sent} entries, expected ${events.length}`);
    return { requests: endpoint.requests.length, ms };
  } finally {
    await endpoint.close();
  }
}

const rows: string[][] = [];
for (const [label, events] of [
  ['small (~150 B)', Array.from({ length: EVENTS }, (_, n) => small(n))],
  ['mixed (200 B … 255 KB)', mixed()],
] as const) {
  const sizes = events.map(sizeOf);
  const floor = lowerBound(sizes);
  const totalKb = (sizes.reduce((a, b) => a + b, 0) / 1024).toFixed(0);
  // Packing without sending: EventPublisher's plan, for the table's cross-check.
  const planned = packIntoRequests(sizes.map((size) => ({ size }))).length;
  const firstFit = packFirstFit(sizes.map((size) => ({ size }))).length;
  const publisher = await measure([...events], false);
  if (publisher.requests !== planned)
    throw new Error(`publisher sent ${publisher.requests}, its plan has ${planned}`);
  const naive = await measure([...events], true);
  const chunks = fixedChunks(sizes);
  const fill = nextFit(sizes);
  const ratio = (requests: number) => `${(requests / floor).toFixed(2)}×`;
  rows.push(
    [label, `lower bound (${totalKb} KB total)`, String(floor), '1.00×', '0', '—'],
    [
      label,
      'EventPublisher.submitMany (first fit decreasing)',
      String(publisher.requests),
      ratio(publisher.requests),
      '0',
      publisher.ms.toFixed(0),
    ],
    [label, 'first fit in arrival order', String(firstFit), ratio(firstFit), '0', '—'],
    [
      label,
      'next fit (fill, then open a new request)',
      String(fill.requests),
      ratio(fill.requests),
      '0',
      '—',
    ],
    [
      label,
      'fixed chunks of 10 (size ignored)',
      String(chunks.requests),
      ratio(chunks.requests),
      String(chunks.invalid),
      '—',
    ],
    [
      label,
      'submit() per event',
      String(naive.requests),
      ratio(naive.requests),
      '0',
      naive.ms.toFixed(0),
    ],
  );
}

const header = ['events (1,000)', 'strategy', 'requests', 'vs bound', 'refused*', 'ms'];
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
);
const line = (cells: string[]) =>
  `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
console.log('\nPublish batching: PutEvents requests per 1,000 events (local endpoint, SDK v3)\n');
console.log(line(header));
console.log(line(widths.map((width) => '-'.repeat(width))));
for (const row of rows) console.log(line(row));
console.log(
  '\n* requests EventBridge would refuse for exceeding 256 KB in total. Lower bound = max(⌈n/10⌉, ⌈total bytes/256 KB⌉, entries over 128 KB); ms = wall time through the SDK to 127.0.0.1.',
);
