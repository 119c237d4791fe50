import { afterEach, describe, expect, it } from 'vitest';
import {
  DiscoveryVariables,
  discoverEventBusName,
  EVENT_BUS_LOGICAL_NAME,
  physicalName,
  resolveEventSource,
  resolveTableName,
  tableEnvVar,
} from './index.js';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('resource discovery', () => {
  it('builds physical names and variable names by the convention', () => {
    expect(physicalName('user-system', 'dev', 'users')).toBe('user-system-dev-users');
    expect(tableEnvVar('users')).toBe('DAVINCI_TABLE_USERS');
    expect(tableEnvVar('user_stats')).toBe('DAVINCI_TABLE_USER_STATS');
    expect(tableEnvVar('user-stats.v2')).toBe('DAVINCI_TABLE_USER_STATS_V2');
  });

  it('resolves: explicit option, then DAVINCI_TABLE_*, then app + deployment, then the logical name', () => {
    const definition = { name: 'user_stats' };
    delete process.env.DAVINCI_TABLE_USER_STATS;
    delete process.env.DAVINCI_APP_NAME;
    delete process.env.DAVINCI_DEPLOYMENT_ID;
    expect(resolveTableName(definition)).toBe('user_stats');
    process.env.DAVINCI_APP_NAME = 'user-system';
    expect(resolveTableName(definition)).toBe('user_stats');
    process.env.DAVINCI_DEPLOYMENT_ID = 'dev';
    expect(resolveTableName(definition)).toBe('user-system-dev-user_stats');
    process.env.DAVINCI_TABLE_USER_STATS = 'from-cdk';
    expect(resolveTableName(definition)).toBe('from-cdk');
    expect(resolveTableName(definition, 'explicit')).toBe('explicit');
  });

  it('names the variables the CDK sets, literally', () => {
    expect(DiscoveryVariables).toEqual({
      appName: 'DAVINCI_APP_NAME',
      deploymentId: 'DAVINCI_DEPLOYMENT_ID',
      eventBusName: 'DAVINCI_EVENT_BUS_NAME',
      eventSource: 'DAVINCI_EVENT_SOURCE',
      tablePrefix: 'DAVINCI_TABLE_',
    });
    expect(EVENT_BUS_LOGICAL_NAME).toBe('event-bus');
  });

  it('reads a given environment instead of process.env when one is passed', () => {
    process.env.DAVINCI_TABLE_USERS = 'from-process';
    expect(resolveTableName({ name: 'users' }, undefined, {})).toBe('users');
    expect(resolveTableName({ name: 'users' }, undefined, { DAVINCI_TABLE_USERS: 'given' })).toBe(
      'given',
    );
  });

  it('finds the event bus: explicit, then DAVINCI_EVENT_BUS_NAME, then app + deployment', () => {
    const env = { DAVINCI_APP_NAME: 'user-system', DAVINCI_DEPLOYMENT_ID: 'dev' };
    expect(discoverEventBusName('mine', env)).toEqual({ found: true, eventBusName: 'mine' });
    expect(discoverEventBusName(undefined, { ...env, DAVINCI_EVENT_BUS_NAME: 'cdk-bus' })).toEqual({
      found: true,
      eventBusName: 'cdk-bus',
    });
    expect(discoverEventBusName(undefined, env)).toEqual({
      found: true,
      eventBusName: 'user-system-dev-event-bus',
    });
  });

  it('never falls back to the default bus, and names the missing variables', () => {
    expect(discoverEventBusName(undefined, {})).toEqual({
      found: false,
      missingVariables: ['DAVINCI_EVENT_BUS_NAME', 'DAVINCI_APP_NAME', 'DAVINCI_DEPLOYMENT_ID'],
    });
    expect(
      discoverEventBusName(undefined, { DAVINCI_APP_NAME: 'a', DAVINCI_EVENT_BUS_NAME: '' }),
    ).toEqual({
      found: false,
      missingVariables: ['DAVINCI_EVENT_BUS_NAME', 'DAVINCI_DEPLOYMENT_ID'],
    });
  });

  it('takes the event source from the option, DAVINCI_EVENT_SOURCE, the app name, else davinci', () => {
    const env = { DAVINCI_EVENT_SOURCE: 'src', DAVINCI_APP_NAME: 'app' };
    expect(resolveEventSource('given', env)).toBe('given');
    expect(resolveEventSource(undefined, env)).toBe('src');
    expect(resolveEventSource(undefined, { DAVINCI_APP_NAME: 'app' })).toBe('app');
    expect(resolveEventSource(undefined, {})).toBe('davinci');
  });
});
