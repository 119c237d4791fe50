// Matcher throughput: one event against 1, 100 and 1,000 deployed rules, comparing a pattern
// compiled once (compileEventPattern) with reading the pattern on every call (matchesEventPattern).
import { compileEventPattern, type EventPattern, matchesEventPattern } from '../src/index.js';

/** Rule shapes, cycled: the kinds of patterns handlers deploy. */
const RULE_SHAPES: readonly { name: string; make: (i: number) => EventPattern }[] = [
  { name: 'exact detail-type', make: (i) => ({ 'detail-type': [`type.${i}`] }) },
  { name: 'detail-type prefix', make: (i) => ({ 'detail-type': [{ prefix: `order${i}.` }] }) },
  {
    name: 'source + numeric range',
    make: (i) => ({ source: ['shop'], detail: { amount: [{ numeric: ['>', i, '<=', i + 500] }] } }),
  },
  {
    name: 'anything-but + exists',
    make: (i) => ({
      detail: {
        status: [{ 'anything-but': ['cancelled', `s${i}`] }],
        customer: { id: [{ exists: true }] },
      },
    }),
  },
  {
    name: 'wildcard + $or',
    make: (i) => ({
      $or: [{ 'detail-type': [{ wildcard: `order.*.v${i}` }] }, { detail: { region: [`r-${i}`] } }],
    }),
  },
];

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'order.created',
  source: 'shop',
  account: '000000000000',
  time: '2026-11-27T09:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {
    orderId: 'o-123',
    amount: 420.5,
    status: 'paid',
    region: 'eu-west-1',
    customer: { id: 'c-9', tier: 'gold' },
    items: [
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: 2 },
    ],
    _davinci: { eventId: 'e-1', created: '2026-11-27T09:00:00Z' },
  },
};

function rules(count: number): EventPattern[] {
  return Array.from({ length: count }, (_, i) => {
    const shape = RULE_SHAPES[i % RULE_SHAPES.length] as (typeof RULE_SHAPES)[number];
    return shape.make(i);
  });
}

/** Events per second for `matchAll`, measured over roughly `budgetMs` after a warm-up as long. */
function eventsPerSecond(matchAll: () => number, budgetMs = 400): number {
  const warmUpUntil = performance.now() + budgetMs;
  while (performance.now() < warmUpUntil) matchAll();
  let events = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let i = 0; i < 20; i++) matchAll();
    events += 20;
    elapsed = performance.now() - start;
  }
  return (events / elapsed) * 1000;
}

const format = (n: number) => Math.round(n).toLocaleString('en-US');

console.log('\nEventBridge pattern matcher — one event against N rules (events/second)');
console.log(`rule shapes, cycled: ${RULE_SHAPES.map((shape) => shape.name).join('; ')}\n`);
const rows: Record<string, string>[] = [];
for (const count of [1, 100, 1000]) {
  const patterns = rules(count);
  const compiled = patterns.map((pattern) => compileEventPattern(pattern));
  let matchedCompiled = 0;
  let matchedInterpreted = 0;
  const compiledRate = eventsPerSecond(() => {
    matchedCompiled = 0;
    for (const match of compiled) if (match(event)) matchedCompiled++;
    return matchedCompiled;
  });
  const interpretedRate = eventsPerSecond(() => {
    matchedInterpreted = 0;
    for (const pattern of patterns) if (matchesEventPattern(pattern, event)) matchedInterpreted++;
    return matchedInterpreted;
  });
  if (matchedCompiled !== matchedInterpreted) {
    throw new Error(
      `compiled and interpreted matchers disagree (${matchedCompiled} vs ${matchedInterpreted})`,
    );
  }
  rows.push({
    rules: String(count),
    'rules matched': String(matchedCompiled),
    'compiled (events/s)': format(compiledRate),
    'interpreted (events/s)': format(interpretedRate),
    'compiled ÷ interpreted': `${(compiledRate / interpretedRate).toFixed(1)}×`,
  });
}
console.table(rows);
