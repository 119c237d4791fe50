import { Duration } from 'aws-cdk-lib';
import { Application } from '../../src/index.js';
import { OrderTable, UserStatsTable, UserTable } from './definitions.js';
import { HANDLERS_ENTRY } from './fixtures.js';

/**
 * One application exercising every handler and function option, shared by the handler and
 * function test files (each file synthesizes it once).
 */
export function buildHandlersApp(): Application {
  const app = new Application({
    appName: 'user-system',
    deploymentId: 'dev',
    enableEventBus: true,
    builtinCloudFormationValidation: false,
  });
  app.addTable(UserTable);
  app.addTable(UserStatsTable);
  app.addTable(OrderTable);

  // Every default (so no idempotency table).
  app.addEventHandler({
    eventType: 'user.created',
    entry: HANDLERS_ENTRY,
    handler: 'handleUserCreated',
    tables: { users: 'read' },
  });
  // Wildcard subscription, idempotent, and every tuning option.
  app.addEventHandler({
    eventType: 'user.*',
    entry: HANDLERS_ENTRY,
    handler: 'handleAnyUserEvent',
    tables: { [UserStatsTable.name]: 'readWrite' },
    idempotency: true,
    publishes: true,
    timeout: Duration.seconds(10),
    memorySize: 512,
    batchSize: 50,
    maxBatchingWindow: Duration.seconds(5),
    maxConcurrency: 5,
    maxReceiveCount: 5,
    queueRetention: Duration.days(2),
    deadLetterRetention: Duration.days(7),
    environment: { FEATURE_FLAG: 'on' },
  });
  // Several types, no dead-letter queue.
  app.addEventHandler({
    name: 'audit',
    eventTypes: ['user.created', 'user.activated'],
    entry: HANDLERS_ENTRY,
    handler: 'handleUserActivated',
    deadLetterQueue: false,
  });
  // A full pattern; a table with indexes.
  app.addEventHandler({
    name: 'big-invoices',
    pattern: {
      source: ['billing'],
      'detail-type': ['invoice.paid'],
      detail: { amount: [{ numeric: ['>', 100] }] },
    },
    entry: HANDLERS_ENTRY,
    handler: 'handleUserCreated',
    tables: { orders: 'read' },
  });
  // A plain function that reads two tables and publishes.
  app.addFunction({
    name: 'report',
    entry: HANDLERS_ENTRY,
    handler: 'publishReport',
    tables: { users: 'read', orders: 'readWrite' },
    publishes: true,
  });
  return app;
}
