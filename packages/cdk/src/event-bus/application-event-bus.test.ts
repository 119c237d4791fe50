import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { resourceNamed, resourcesOfType } from '../../test/support/template.js';
import { Application } from '../application/application.js';
import type { ApplicationProps } from '../application/application-props.js';

const templateOf = (props: Partial<ApplicationProps>) => {
  const app = new Application({
    appName: 'user-system',
    deploymentId: 'dev',
    enableEventBus: true,
    builtinCloudFormationValidation: false,
    ...props,
  });
  return Template.fromStack(app.dataStack);
};

describe('the application event bus', () => {
  const template = templateOf({});

  it('is a custom bus named {appName}-{deploymentId}-event-bus', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'user-system-dev-event-bus' });
  });

  it('archives every event on the bus for 30 days so they can be replayed', () => {
    const [busId] = resourceNamed(template, 'AWS::Events::EventBus', 'EventBus');
    const [, archive] = resourceNamed(template, 'AWS::Events::Archive', 'EventBusArchive');
    expect(archive.Properties).toEqual({
      ArchiveName: 'user-system-dev-archive',
      Description: 'Every event published to user-system-dev-event-bus, kept for replay',
      SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] },
      EventPattern: { account: [{ Ref: 'AWS::AccountId' }] },
      RetentionDays: 30,
      KmsKeyIdentifier: '', // CDK's spelling of "encrypted with an AWS owned key"
    });
  });

  it('outputs the bus name and ARN and the archive ARN', () => {
    const [busId] = resourceNamed(template, 'AWS::Events::EventBus', 'EventBus');
    const [archiveId] = resourceNamed(template, 'AWS::Events::Archive', 'EventBusArchive');
    template.hasOutput('EventBusName', { Value: { Ref: busId } });
    template.hasOutput('EventBusArn', { Value: { 'Fn::GetAtt': [busId, 'Arn'] } });
    template.hasOutput('EventArchiveArn', { Value: { 'Fn::GetAtt': [archiveId, 'Arn'] } });
  });

  it('keeps archived events as long as configured, or has no archive when asked', () => {
    templateOf({ eventBus: { archiveRetention: Duration.days(365) } }).hasResourceProperties(
      'AWS::Events::Archive',
      { RetentionDays: 365 },
    );
    const noArchive = templateOf({ eventBus: { archive: false } });
    noArchive.resourceCountIs('AWS::Events::Archive', 0);
    expect(Object.keys(noArchive.findOutputs('EventArchiveArn'))).toEqual([]);
  });

  it('lets CloudFormation name archives whose derived name is over 48 characters', () => {
    const long = templateOf({
      appName: 'a-rather-long-application-name',
      deploymentId: 'staging-eu',
    });
    const [, archive] = resourceNamed(long, 'AWS::Events::Archive', 'EventBusArchive');
    expect(archive.Properties).not.toHaveProperty('ArchiveName');
  });

  it('rejects an archive retention that is not whole days', () => {
    expect(() => templateOf({ eventBus: { archiveRetention: Duration.hours(36) } })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'eventBus.archiveRetention' }),
    );
  });

  it('does not exist unless enabled', () => {
    const without = templateOf({ enableEventBus: false });
    expect(resourcesOfType(without, 'AWS::Events::EventBus')).toEqual({});
    expect(resourcesOfType(without, 'AWS::Events::Archive')).toEqual({});
  });
});
