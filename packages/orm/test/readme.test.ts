import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  type ExampleContext,
  examplePrograms,
  readReadmeBlocks,
  runProgram,
  typeCheckPrograms,
  writePrograms,
} from '@davinci/readme-examples';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Every TypeScript block of the README, type-checked against the built package (as a user's
 * project imports it) and run against DynamoDB Local. A block that is no program says so in its
 * info string (`fragment`); what its prose assumes exists comes from the contexts below.
 */
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const blocks = readReadmeBlocks(`${packageDir}README.md`);

const createTables = (...definitions: string[]) => `
import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '@davinci/orm';
for (const definition of [${definitions.join(', ')}]) {
  const { input, timeToLiveAttribute } = createTableInput(definition);
  const setupClient = new DynamoDBClient({});
  await setupClient.send(new CreateTableCommand(input));
  if (timeToLiveAttribute) {
    await setupClient.send(new UpdateTimeToLiveCommand({
      TableName: input.TableName,
      TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
    }));
  }
}`;

const contexts: Record<string, ExampleContext> = {
  'user-tables': { setup: createTables('UserTable', 'UserStatsTable') },
  'seeded-users': {
    setup: `${createTables('UserTable', 'UserStatsTable')}
await users.put({ user_id: 'u1', email: 'ada@example.com', name: 'Ada', created_at: new Date() });`,
  },
  orders: {
    declarations: `
import { attr, defineTable, TableClient } from '@davinci/orm';
const OrderTable = defineTable({
  name: 'orders',
  partitionKey: 'order_id',
  attributes: {
    order_id: attr.string(),
    status: attr.string(),
    note: attr.string().optional(),
    coupon: attr.string().optional(),
    first_paid_at: attr.datetime().optional(),
    count: attr.number().default(0),
    address: attr.json<{ city: string; zip?: string }>(),
    history: attr.stringList(),
    recent: attr.stringList(),
    labels: attr.stringSet(),
    flags: attr.stringSet(),
    version: attr.number(),
  },
  version: 'version',
});
const orders = new TableClient(OrderTable);
const key = { order_id: 'o1' };`,
    setup: `${createTables('OrderTable')}
await orders.put({
  order_id: 'o1', status: 'open', note: 'n', coupon: 'C1', address: { city: 'Oslo', zip: '0150' },
  history: ['open'], recent: ['open'], labels: new Set(['new']), flags: new Set(['draft']),
});`,
  },
  sessions: {
    declarations: `
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attr, defineTable } from '@davinci/orm';
const SessionTable = defineTable({
  name: 'sessions',
  partitionKey: 'session_id',
  attributes: { session_id: attr.string(), expires_at: attr.datetime({ storage: 'epochSeconds' }) },
  timeToLive: 'expires_at',
});
const client = new DynamoDBClient({});`,
  },
};

const { programs, fragments } = examplePrograms(blocks, contexts);
let dir: string;
let diagnostics: string;

beforeAll(async () => {
  dir = writePrograms(packageDir, programs);
  diagnostics = await typeCheckPrograms(dir);
}, 120_000);

describe('README examples', () => {
  it('marks exactly the blocks that are no program as fragments', () => {
    // The list of conditions and filters: object literals side by side, not statements.
    expect(fragments.map((fragment) => fragment.line)).toEqual([164]);
    expect(programs).toHaveLength(blocks.length - 1);
  });

  it('type-check against the built package', () => {
    expect(diagnostics).toBe('');
  });

  for (const program of programs) {
    it(`README.md:${program.line} runs against DynamoDB Local`, async () => {
      const result = await runProgram(dir, program, {
        ...process.env,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        // Each program gets tables of its own: resource discovery names them per deployment.
        DAVINCI_APP_NAME: 'readme',
        DAVINCI_DEPLOYMENT_ID: `${program.name}-${randomUUID().slice(0, 8)}`,
      });
      expect({ exitCode: result.exitCode, stderr: result.stderr }, program.code).toEqual({
        exitCode: 0,
        stderr: '',
      });
    });
  }

  it('README.md:13 prints what its comments say', async () => {
    const first = programs.find((program) => program.line === 13);
    expect(first?.code).toContain("console.log(ada.status); // 'pending'");
    const result = await runProgram(dir, first as (typeof programs)[number], {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      DAVINCI_APP_NAME: 'readme',
      DAVINCI_DEPLOYMENT_ID: `printed-${randomUUID().slice(0, 8)}`,
    });
    expect(result.stdout).toBe('pending\nactive true\n');
  });
});
