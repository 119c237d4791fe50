import {
  type PutInputOf,
  TableClient,
  type TableClientOptions,
  TransactionCanceledError,
  transactWrite,
} from '@davinci/orm';
import { retryAfterConflict } from '../runtime/conflict-retry.js';
import { runAfterCommit, TransactionWrites } from '../runtime/handler-context.js';
import { handlerContext, type RecordRunner } from '../runtime/record-runner.js';
import { IdempotencyTable, idempotencyKey } from './idempotency-table.js';

/** 15 days: longer than SQS keeps a message (14 days at most), so redeliveries still find the marker. */
export const DEFAULT_IDEMPOTENCY_TTL_SECONDS = 15 * 24 * 60 * 60;

/** Where the markers live and how long they are kept. Every field is optional. */
export interface IdempotencyOptions {
  /** The marker table's physical name. Default: resolved like any `@davinci/orm` table (`DAVINCI_TABLE_DAVINCI_IDEMPOTENCY`, …). */
  readonly tableName?: string;
  /** The DynamoDB client. Default: the ORM's default client (configured from the environment). */
  readonly client?: TableClientOptions['client'];
  /** How long a marker is kept. Default: 15 days. */
  readonly ttlSeconds?: number;
}

/**
 * Runs a handler at most once in effect per EventBridge event: a marker found first means skip;
 * otherwise the handler's registered writes and a new marker (put only if absent) commit in one
 * transaction. When two deliveries race, the marker's condition cancels the loser's transaction,
 * so none of its writes apply.
 */
export function idempotentRunner(options: IdempotencyOptions): RecordRunner {
  let markers: TableClient<typeof IdempotencyTable> | undefined;
  const table = () => {
    markers ??= new TableClient(IdempotencyTable, {
      ...(options.client ? { client: options.client } : {}),
      ...(options.tableName ? { tableName: options.tableName } : {}),
    });
    return markers;
  };
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_IDEMPOTENCY_TTL_SECONDS;

  return {
    async run(run, handler) {
      const id = idempotencyKey(run.handlerName, run.envelope.id);
      for (let attempt = 1; ; attempt++) {
        if (await table().get({ id }, { consistentRead: true })) return 'duplicate';

        // One slot of the transaction is the marker's.
        const transaction = new TransactionWrites(99);
        await handler(run.envelope, handlerContext(run, transaction));
        const now = new Date();
        const item: PutInputOf<typeof IdempotencyTable> = {
          id,
          handler: run.handlerName,
          event_id: run.envelope.id,
          event_type: run.envelope['detail-type'],
          processed_at: now,
          expires_at: new Date(now.getTime() + ttlSeconds * 1000),
        };
        const marker = table().transaction.put(item, { condition: { id: { exists: false } } });
        const operations = [...transaction.operations, marker];
        const markerIndex = operations.length - 1;
        try {
          await transactWrite(operations, options.client ? { client: options.client } : {});
        } catch (error) {
          if (!(error instanceof TransactionCanceledError)) throw error;
          // Another delivery committed the marker first: this one's writes were cancelled with it.
          const markerTaken = error.reasons.some(
            (reason) => reason.index === markerIndex && reason.code === 'ConditionalCheckFailed',
          );
          // A conflict with a concurrent transaction may be that other delivery committing; if the
          // marker is there now, nothing is left to do.
          if (markerTaken || (await table().get({ id }, { consistentRead: true })))
            return 'duplicate';
          // Otherwise another event's write won the race: run again on fresh reads, or fail the
          // record so that it is retried.
          if (await retryAfterConflict(error, attempt, run.conflictRetries, markerIndex)) continue;
          throw error;
        }
        const reported = runAfterCommit(transaction, run.afterCommitFailed);
        if (reported) await reported;
        return 'success';
      }
    },
  };
}
