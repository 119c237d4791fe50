import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import JSON5 from 'json5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { sdkClients } from './support/clients.js';

/** Cases recorded against real EventBridge, kept beside the repository: `<repoRoot>/../shared/…`. */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const casesDir = join(repoRoot, '..', 'shared', 'conformance', 'eventbridge-patterns');
if (!existsSync(casesDir)) {
  throw new Error(`the EventBridge conformance cases are missing: expected them in ${casesDir}`);
}

interface Case {
  name: string;
  /** Sent as is: the pattern text. */
  pattern: string;
  event: string;
  expected: 'match' | 'no-match' | 'invalid';
}

function expectation(name: string): Case['expected'] {
  if (name.endsWith('_EXC')) return 'invalid';
  if (name.endsWith('_NEG')) return 'no-match';
  return 'match';
}

function loadCases(): Case[] {
  const files = readdirSync(casesDir).sort();
  const cases: Case[] = files
    .filter((file) => file.endsWith('.json5'))
    .map((file) => {
      const name = file.replace(/\.json5$/, '');
      const { Event, EventPattern } = JSON5.parse<{ Event: unknown; EventPattern: unknown }>(
        readFileSync(join(casesDir, file), 'utf8'),
      );
      return {
        name,
        pattern: JSON.stringify(EventPattern),
        event: JSON.stringify(Event),
        expected: expectation(name),
      };
    });
  // This pair repeats a key in the pattern: read as text so no parser drops the duplicate.
  const multiKeyEvent = join(casesDir, 'complex_multi_key_event.json');
  const multiKeyPattern = join(casesDir, 'complex_multi_key_event_pattern.json');
  if (!existsSync(multiKeyEvent) || !existsSync(multiKeyPattern)) {
    throw new Error(`the complex_multi_key_event*.json pair is missing from ${casesDir}`);
  }
  cases.push({
    name: 'complex_multi_key_event',
    pattern: readFileSync(multiKeyPattern, 'utf8'),
    event: readFileSync(multiKeyEvent, 'utf8'),
    expected: 'match',
  });
  return cases;
}

const cases = loadCases();
let sandbox: Sandbox;
let events: ReturnType<typeof sdkClients>['events'];

beforeAll(async () => {
  sandbox = await startSandbox({ dynamodb: false });
  events = sdkClients(sandbox).events;
});
afterAll(() => sandbox?.stop());

describe('TestEventPattern against the recorded EventBridge answers', () => {
  it('has the corpus', () => {
    expect(cases.length).toBeGreaterThan(50);
  });

  it.each(cases)('$name → $expected', async ({ pattern, event, expected }) => {
    const answer = events.send(
      new TestEventPatternCommand({ EventPattern: pattern, Event: event }),
    );
    if (expected === 'invalid') {
      await expect(answer).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
    } else {
      expect((await answer).Result).toBe(expected === 'match');
    }
  });
});
