/**
 * Request building and response parsing, side by side in one run: @davinci/orm vs raw
 * util-dynamodb vs ElectroDB vs DynamoDB-Toolbox v2, on the same 6-attribute item, no network.
 *
 * ElectroDB and DynamoDB-Toolbox build DocumentClient requests and read DocumentClient output,
 * so their rows include the marshall/unmarshall their DocumentClient performs: every row ends
 * with the same wire-format request or the same application object.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { EntityFormatter } from 'dynamodb-toolbox/entity/actions/format';
import { PutItemCommand as ToolboxPut } from 'dynamodb-toolbox/entity/actions/put';
import { $add, UpdateItemCommand as ToolboxUpdate } from 'dynamodb-toolbox/entity/actions/update';
import { bundleReport } from './bundle-report.js';
import {
  electroUsers,
  page,
  plainUser,
  storedElectroUser,
  storedPlainUser,
  storedToolboxUser,
  storedUserFor,
  TABLE_NAME,
  toolboxUsers,
  user,
} from './fixtures.js';
import { loadOrm } from './load-orm.js';
import { measureSideBySide, ROUNDS_PER_CASE } from './measure.js';

type Wire = Record<string, AttributeValue>;
type DocumentParams = {
  Item?: Record<string, unknown>;
  Key?: Record<string, unknown>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

/** What the DocumentClient does to params before sending them. */
function toWire(params: DocumentParams) {
  return {
    ...params,
    ...(params.Item && { Item: marshall(params.Item) }),
    ...(params.Key && { Key: marshall(params.Key) }),
    ...(params.ExpressionAttributeValues && {
      ExpressionAttributeValues: marshall(params.ExpressionAttributeValues),
    }),
  };
}

const orm = await loadOrm();
const { UserTable, buildPut, buildUpdate } = orm;
const storedUser = storedUserFor(orm);
const key = { user_id: user.user_id };
const formatter = toolboxUsers.build(EntityFormatter);
const pages = {
  orm: page(storedUser),
  raw: page(storedPlainUser),
  electro: page(storedElectroUser),
  toolbox: page(storedToolboxUser),
};

type Row = {
  orm: () => unknown;
  raw: () => unknown;
  electro: () => unknown;
  toolbox: () => unknown;
};
const cases: Record<string, Row> = {
  'put input': {
    orm: () => buildPut(user),
    raw: () => ({ TableName: TABLE_NAME, Item: marshall(plainUser) }),
    electro: () => toWire(electroUsers.put(plainUser).params()),
    toolbox: () => toWire(toolboxUsers.build(ToolboxPut).item(plainUser).params()),
  },
  'update input': {
    orm: () => buildUpdate(key, { set: { name: 'Ada King' }, add: { login_count: 1 } }),
    raw: () => ({
      TableName: TABLE_NAME,
      Key: marshall(key),
      UpdateExpression: 'SET #name = :name ADD #login_count :login_count',
      ExpressionAttributeNames: { '#name': 'name', '#login_count': 'login_count' },
      ExpressionAttributeValues: marshall({ ':name': 'Ada King', ':login_count': 1 }),
      ReturnValues: 'ALL_NEW',
    }),
    electro: () =>
      toWire(electroUsers.update(key).set({ name: 'Ada King' }).add({ login_count: 1 }).params()),
    toolbox: () =>
      toWire(
        toolboxUsers
          .build(ToolboxUpdate)
          .item({ ...key, name: 'Ada King', login_count: $add(1) })
          .params(),
      ),
  },
  'get parse': {
    orm: () => UserTable.fromItem(storedUser),
    raw: () => unmarshall(storedPlainUser),
    electro: () => electroUsers.parse({ Item: unmarshall(storedElectroUser) }),
    toolbox: () => formatter.format(unmarshall(storedToolboxUser)),
  },
  '100-item page parse': {
    orm: () => pages.orm.map((raw: Wire) => UserTable.fromItem(raw)),
    raw: () => pages.raw.map((raw: Wire) => unmarshall(raw)),
    electro: () => electroUsers.parse({ Items: pages.electro.map((raw: Wire) => unmarshall(raw)) }),
    toolbox: () => pages.toolbox.map((raw: Wire) => formatter.format(unmarshall(raw))),
  },
};

const LIBRARIES = ['orm', 'raw', 'electro', 'toolbox'] as const;
const LABELS = {
  orm: '@davinci/orm',
  raw: 'raw util-dynamodb',
  electro: 'ElectroDB',
  toolbox: 'DynamoDB-Toolbox',
};
const TARGETS: Record<string, number> = {
  'put input': 2,
  'get parse': 1.5,
  '100-item page parse': 1.5,
};

const pad = (text: string, width: number) => text.padEnd(width);
const lines: string[] = [];
lines.push(
  `node ${process.version}; ORM bundled by esbuild, requests from its build*Input actions; µs/op (median of ${ROUNDS_PER_CASE} interleaved rounds), ratio to raw`,
);
lines.push(
  `${pad('operation', 22)}${LIBRARIES.map((lib) => pad(LABELS[lib], 22)).join('')}target (orm/raw)`,
);
for (const [name, row] of Object.entries(cases)) {
  const timings = measureSideBySide(row);
  const cells = LIBRARIES.map((lib) => {
    const ratio = timings[lib] / timings.raw;
    return pad(`${timings[lib].toFixed(2)} (${ratio.toFixed(2)}×)`, 22);
  });
  const target = TARGETS[name];
  const verdict =
    target === undefined
      ? '-'
      : `≤ ${target}× ${timings.orm / timings.raw <= target ? 'met' : 'MISSED'}`;
  lines.push(`${pad(name, 22)}${cells.join('')}${verdict}`);
}

lines.push(...(await bundleReport()));
console.log(lines.join('\n'));
