import { afterEach, describe, expect, it } from 'vitest';
import { physicalName, resolveTableName, tableEnvVar } from './resource-discovery.js';

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
});
