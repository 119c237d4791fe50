import type { RequiredPermission, ServiceRequest } from '../../edge/service.js';
import { DYNAMODB_TARGET_PREFIX } from './target.js';

/** The ARN scope of the sandbox's DynamoDB tables. */
export interface DynamoDbArnScope {
  readonly region: string;
  readonly accountId: string;
}

type Body = Record<string, unknown>;

/** The write operations of `TransactWriteItems`, each authorised as its own action. */
const TRANSACT_WRITE_ACTIONS: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** Operations on no table: authorised on `*`. */
const ACCOUNT_OPERATIONS = new Set([
  'ListTables',
  'DescribeLimits',
  'DescribeEndpoints',
  'ListBackups',
  'ListGlobalTables',
  'ListExports',
  'ListImports',
  'ListContributorInsights',
]);

/**
 * What a DynamoDB request needs, as the Service Authorization Reference lists it: the action of
 * the operation on the table's ARN (`Query` and `Scan` on an index: the index's ARN); batch
 * operations on each table they name; `TransactWriteItems` and `TransactGetItems` need the
 * action of each of their items (`PutItem`, `UpdateItem`, `DeleteItem`, `ConditionCheckItem`,
 * `GetItem`) on its table, as IAM has no action for the transaction itself.
 */
export function dynamoDbPermissions(
  request: ServiceRequest,
  scope: DynamoDbArnScope,
): RequiredPermission[] {
  const operation = (request.headers['x-amz-target'] ?? '').slice(DYNAMODB_TARGET_PREFIX.length);
  const body = parseBody(request.body);
  const tableArn = (name: unknown) => {
    const text = String(name ?? '');
    return text.startsWith('arn:')
      ? text
      : `arn:aws:dynamodb:${scope.region}:${scope.accountId}:table/${text}`;
  };
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return [{ action, resources: Object.keys(record(body.RequestItems)).map(tableArn) }];
    case 'TransactWriteItems':
    case 'TransactGetItems': {
      const byAction = new Map<string, Set<string>>();
      for (const item of Array.isArray(body.TransactItems) ? body.TransactItems : []) {
        for (const [kind, member] of Object.entries(record(item))) {
          const itemAction =
            operation === 'TransactGetItems' ? 'dynamodb:GetItem' : TRANSACT_WRITE_ACTIONS[kind];
          if (itemAction === undefined) continue;
          const resources = byAction.get(itemAction) ?? new Set<string>();
          resources.add(tableArn(record(member).TableName));
          byAction.set(itemAction, resources);
        }
      }
      return [...byAction].map(([itemAction, resources]) => ({
        action: itemAction,
        resources: [...resources],
      }));
    }
    case 'Query':
    case 'Scan': {
      const table = tableArn(body.TableName);
      const index = body.IndexName;
      return [
        {
          action,
          resources: [typeof index === 'string' ? `${table}/index/${index}` : table],
        },
      ];
    }
    case 'ExecuteStatement':
      return partiQlPermissions([body], tableArn);
    case 'BatchExecuteStatement':
      return partiQlPermissions(Array.isArray(body.Statements) ? body.Statements : [], tableArn);
    case 'ExecuteTransaction':
      return partiQlPermissions(
        Array.isArray(body.TransactStatements) ? body.TransactStatements : [],
        tableArn,
      );
    case 'TagResource':
    case 'UntagResource':
    case 'ListTagsOfResource':
      return [{ action, resources: [String(body.ResourceArn ?? '*')] }];
    default:
      if (ACCOUNT_OPERATIONS.has(operation)) return [{ action, resources: ['*'] }];
      return [
        {
          action,
          resources: [body.TableName === undefined ? '*' : tableArn(body.TableName)],
        },
      ];
  }
}

/** PartiQL statements are authorised by their verb: `dynamodb:PartiQLSelect` and the others. */
const PARTIQL_ACTIONS: Readonly<Record<string, string>> = {
  SELECT: 'dynamodb:PartiQLSelect',
  INSERT: 'dynamodb:PartiQLInsert',
  UPDATE: 'dynamodb:PartiQLUpdate',
  DELETE: 'dynamodb:PartiQLDelete',
};

/** Each statement's verb on the table it names (`SELECT … FROM "t"`, `INSERT INTO t`, `UPDATE t`). */
function partiQlPermissions(
  statements: readonly unknown[],
  tableArn: (name: unknown) => string,
): RequiredPermission[] {
  const byAction = new Map<string, Set<string>>();
  for (const entry of statements) {
    const text = String(record(entry).Statement ?? '').trim();
    const verb = /^[A-Za-z]+/.exec(text)?.[0]?.toUpperCase() ?? '';
    const action = PARTIQL_ACTIONS[verb];
    if (action === undefined) continue;
    const table = /\b(?:FROM|INTO|UPDATE)\s+"?([A-Za-z0-9_.-]+)"?/i.exec(text)?.[1];
    const resources = byAction.get(action) ?? new Set<string>();
    resources.add(table === undefined ? '*' : tableArn(table));
    byAction.set(action, resources);
  }
  return [...byAction].map(([action, resources]) => ({ action, resources: [...resources] }));
}

function parseBody(body: Buffer): Body {
  try {
    return record(JSON.parse(body.toString('utf8')));
  } catch {
    return {};
  }
}

function record(value: unknown): Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Body)
    : {};
}
