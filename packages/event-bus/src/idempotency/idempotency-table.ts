import { attr, defineTable } from '@davinci/orm';

/**
 * One row per (handler, EventBridge event) that was applied, or that a delivery is applying now
 * (a lease: `lease_token` and `lease_expires_at`, no `processed_at`). `@davinci/cdk` creates this table
 * (with `expires_at` as its TTL attribute) and grants read-write access to every event handler
 * declared with `idempotency: true`.
 */
export const IdempotencyTable = defineTable({
  name: 'davinci_idempotency',
  partitionKey: 'id',
  attributes: {
    id: attr.string().describe('`{handler}#{EventBridge event id}`'),
    handler: attr.string().describe('The handler that applied the event.'),
    event_id: attr.string().describe("EventBridge's event id (the envelope's `id`)."),
    event_type: attr.string().describe('The detail-type of the event.'),
    processed_at: attr
      .datetime()
      .optional()
      .describe('When the handler committed; absent while a delivery is still running it.'),
    lease_token: attr
      .string()
      .optional()
      .describe('While a delivery runs the handler: which delivery holds the event.'),
    lease_expires_at: attr
      .datetime()
      .optional()
      .describe('While a delivery runs the handler: when another may take the event over.'),
    expires_at: attr
      .datetime({ storage: 'epochSeconds' })
      .describe('When DynamoDB may delete the marker (TTL, epoch seconds).'),
  },
  timeToLive: 'expires_at',
});

/** The marker's key for one handler and one EventBridge event. */
export const idempotencyKey = (handlerName: string, eventBridgeId: string): string =>
  `${handlerName}#${eventBridgeId}`;
