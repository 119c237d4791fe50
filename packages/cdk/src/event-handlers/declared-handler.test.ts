import { defineEventHandler } from '@davinci/event-bus';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { UserStatsTable, UserTable } from '../../test/support/definitions.js';
import { HANDLERS_ENTRY } from '../../test/support/fixtures.js';
import { Application } from '../application/application.js';
import { InvalidOptionError } from '../errors.js';
import type { AddEventHandlerOptions } from './event-handler-options.js';

// The handler as its module would declare it: subscription, tables and idempotency, once.
const handleAnyUserEvent = defineEventHandler({
  name: 'handleAnyUserEvent',
  subscribe: 'user.*',
  tables: { [UserStatsTable.name]: 'readWrite' },
  idempotency: true,
  handler: () => {},
});

function appWith(options: AddEventHandlerOptions): Application {
  const app = new Application({
    appName: 'user-system',
    deploymentId: 'dev',
    enableEventBus: true,
    builtinCloudFormationValidation: false,
  });
  app.addTable(UserTable);
  app.addTable(UserStatsTable);
  app.addEventHandler(options);
  return app;
}

describe('an event handler added from its declaration', () => {
  it('deploys exactly what the same options written out deploy', () => {
    const declared = appWith({ entry: HANDLERS_ENTRY, declaration: handleAnyUserEvent });
    const written = appWith({
      entry: HANDLERS_ENTRY,
      handler: 'handleAnyUserEvent',
      eventType: 'user.*',
      tables: { user_stats: 'readWrite' },
      idempotency: true,
    });
    const template = Template.fromStack(declared.stack);
    expect(template.toJSON()).toEqual(Template.fromStack(written.stack).toJSON());

    // And what that is, literally: the rule's pattern, the handler export, the two table variables.
    const [rule] = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rule?.Properties.EventPattern).toEqual({ 'detail-type': [{ prefix: 'user.' }] });
    const [fn] = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(fn?.Properties.Handler).toBe('index.handleAnyUserEvent');
    expect(Object.keys(fn?.Properties.Environment.Variables).sort()).toEqual([
      'DAVINCI_APP_NAME',
      'DAVINCI_DEPLOYMENT_ID',
      'DAVINCI_EVENT_BUS_NAME',
      'DAVINCI_EVENT_SOURCE',
      'DAVINCI_TABLE_DAVINCI_IDEMPOTENCY',
      'DAVINCI_TABLE_USER_STATS',
      'NODE_OPTIONS',
    ]);
  });

  it('takes the declaration object itself, and an export name that differs from it', () => {
    const app = appWith({
      entry: HANDLERS_ENTRY,
      handler: 'handleUserActivated',
      declaration: handleAnyUserEvent.declaration,
    });
    expect([...app.functions.keys()]).toEqual(['handle-user-activated']);
  });

  it.each<[keyof AddEventHandlerOptions, Partial<AddEventHandlerOptions>]>([
    ['eventType', { eventType: 'user.created' }],
    ['eventTypes', { eventTypes: ['user.created'] }],
    ['pattern', { pattern: { source: ['billing'] } }],
    ['tables', { tables: {} }],
    ['idempotency', { idempotency: false }],
  ])('refuses %s given beside a declaration, since the two could disagree', (option, extra) => {
    const error = (() => {
      try {
        appWith({ entry: HANDLERS_ENTRY, declaration: handleAnyUserEvent, ...extra });
      } catch (caught) {
        return caught;
      }
      throw new Error('expected addEventHandler to throw');
    })();
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).message).toBe(
      `addEventHandler(handleAnyUserEvent).${option}: is declared by the handler (defineEventHandler); give it there only (also given here: ${option})`,
    );
  });
});
