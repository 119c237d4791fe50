import { randomUUID } from 'node:crypto';
import {
  ConditionFailedError,
  type PutInputOf,
  TableClient,
  type TableClientOptions,
  TransactionCanceledError,
  transactWrite,
} from '@davinci/orm';
import { retryAfterConflict } from '../runtime/conflict-retry.js';
import { runAfterCommit, TransactionWrites } from '../runtime/handler-context.js';
import { handlerContext, type RecordRun, type RecordRunner } from '../runtime/record-runner.js';
import { IdempotencyInProgressError } from './errors.js';
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

/** How long a delivery holds an event when Lambda's remaining time is unknown: 60 s. */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * Runs a handler at most once in effect per EventBridge event.
 *
 * - The delivery takes a lease on the event (a marker without `processed_at`, put only if absent,
 *   or if the lease it replaces has expired) for as long as its Lambda invocation may run.
 * - When that put is refused, a completed marker means skip, and a live lease means another
 *   delivery is running the handler: this one fails with `IdempotencyInProgressError`, so SQS
 *   retries it later instead of running the handler's side effects (an email) a second time.
 * - The handler's registered writes and the completed marker (put only while the lease is still
 *   this delivery's) commit in one transaction. When the handler or its commit fails, the lease is
 *   released so that the retry runs at once.
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
  const expiresAt = (now: Date) => new Date(now.getTime() + ttlSeconds * 1000);

  /**
   * Takes the lease, or says why not: the event is done, or another delivery holds it. The put
   * comes first (one write when the event is new, the common case); only when its condition
   * fails is the marker read to learn why.
   */
  const takeLease = async (
    run: RecordRun<unknown>,
    id: string,
    token: string,
  ): Promise<'taken' | 'duplicate'> => {
    for (;;) {
      const now = new Date();
      const remaining = run.lambdaContext?.getRemainingTimeInMillis() ?? DEFAULT_LEASE_MS;
      try {
        await table().put(
          {
            id,
            handler: run.handlerName,
            event_id: run.envelope.id,
            event_type: run.envelope['detail-type'],
            lease_token: token,
            lease_expires_at: new Date(now.getTime() + Math.max(remaining, 1_000)),
            expires_at: expiresAt(now),
          },
          // No marker, or a lease that has expired: of two deliveries racing, one wins. A
          // completed marker has no lease_expires_at, so it always refuses.
          { condition: { or: [{ id: { exists: false } }, { lease_expires_at: { lt: now } }] } },
        );
        return 'taken';
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
      const marker = await table().get({ id }, { consistentRead: true });
      if (marker && marker.lease_token === undefined) return 'duplicate';
      if (marker?.lease_expires_at && marker.lease_expires_at.getTime() > Date.now()) {
        throw new IdempotencyInProgressError(
          run.handlerName,
          run.envelope.id,
          marker.lease_expires_at,
        );
      }
      // Gone or expired since the put: try again.
    }
  };

  /** Gives the lease up after a failure, so the retry need not wait for it to expire. */
  const releaseLease = async (id: string, token: string) => {
    try {
      await table().delete({ id }, { condition: { lease_token: token } });
    } catch {
      // Taken over or already gone; otherwise it expires by itself.
    }
  };

  return {
    async run(run, handler) {
      const id = idempotencyKey(run.handlerName, run.envelope.id);
      const token = randomUUID();
      if ((await takeLease(run, id, token)) === 'duplicate') return 'duplicate';
      try {
        for (let attempt = 1; ; attempt++) {
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
            expires_at: expiresAt(now),
          };
          const marker = table().transaction.put(item, { condition: { lease_token: token } });
          const operations = [...transaction.operations, marker];
          const markerIndex = operations.length - 1;
          try {
            await transactWrite(operations, options.client ? { client: options.client } : {});
          } catch (error) {
            if (!(error instanceof TransactionCanceledError)) throw error;
            // The lease expired and another delivery took the event over (or finished it): this
            // one's writes were cancelled with the marker.
            const leaseLost = error.reasons.some(
              (reason) => reason.index === markerIndex && reason.code === 'ConditionalCheckFailed',
            );
            if (leaseLost) return 'duplicate';
            // Another event's write won the race: run again on fresh reads, or fail the record so
            // that it is retried.
            if (await retryAfterConflict(error, attempt, run.conflictRetries, markerIndex))
              continue;
            throw error;
          }
          const reported = runAfterCommit(transaction, run.afterCommitFailed);
          if (reported) await reported;
          return 'success';
        }
      } catch (error) {
        await releaseLease(id, token);
        throw error;
      }
    },
  };
}
