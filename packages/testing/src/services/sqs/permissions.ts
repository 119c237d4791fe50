import type { RequiredPermission, ServiceRequest } from '../../edge/service.js';
import { parseQueueUrl, queueArn } from './models/names.js';
import { decodeJsonRequest, isJsonRequest } from './protocol/json.js';
import { decodeQueryRequest, queryParameters } from './protocol/query.js';

/** Batch operations are authorised as the action of one entry. */
const BATCH_ACTIONS: Readonly<Record<string, string>> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/**
 * What an SQS request needs, as the Service Authorization Reference lists it: `sqs:<Action>` on
 * the queue's ARN (batch operations: the action of their entries); `ListQueues` on `*`;
 * `CreateQueue` and `GetQueueUrl` on the ARN of the queue they name. A request that does not
 * decode needs nothing here: the service answers its own error for it.
 */
export function sqsPermissions(
  request: ServiceRequest,
  scope: { readonly region: string; readonly accountId: string },
): RequiredPermission[] {
  let decoded: { action: string; input: Record<string, unknown> };
  try {
    if (isJsonRequest(request)) {
      decoded = decodeJsonRequest(request);
    } else {
      const parameters = queryParameters(request);
      if (!parameters) return [];
      decoded = decodeQueryRequest(request, parameters);
    }
  } catch {
    return [];
  }
  const { action, input } = decoded;
  const iamAction = `sqs:${BATCH_ACTIONS[action] ?? action}`;
  if (action === 'ListQueues') return [{ action: iamAction, resources: ['*'] }];
  if (action === 'CreateQueue' || action === 'GetQueueUrl') {
    const accountId = String(input.QueueOwnerAWSAccountId ?? scope.accountId);
    const name = String(input.QueueName ?? '');
    return [
      { action: iamAction, resources: [queueArn({ region: scope.region, accountId, name })] },
    ];
  }
  const location = typeof input.QueueUrl === 'string' ? parseQueueUrl(input.QueueUrl) : undefined;
  return [
    {
      action: iamAction,
      resources: [location ? queueArn({ region: scope.region, ...location }) : '*'],
    },
  ];
}
