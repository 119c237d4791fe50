import { randomUUID } from 'node:crypto';
import {
  generatedName,
  optionalString,
  type ProviderContext,
  type ResourceProvider,
} from './provider.js';

type Identity = (
  properties: Readonly<Record<string, unknown>>,
  context: ProviderContext,
) => { physicalId: string; attributes: Record<string, unknown> };

const arn = (context: ProviderContext, service: string, resource: string, global = false) =>
  `arn:aws:${service}:${global ? '' : context.region}:${context.accountId}:${resource}`;

/**
 * What `Ref` and `Fn::GetAtt` give for each type the sandbox records without a local effect:
 * the names and ARNs AWS would, so that the resources referring to them resolve.
 */
const IDENTITIES: Readonly<Record<string, Identity>> = {
  'AWS::IAM::Role': (properties, context) => {
    const name = optionalString(properties, 'RoleName') ?? generatedName(context, 64);
    const path = optionalString(properties, 'Path') ?? '/';
    return {
      physicalId: name,
      attributes: {
        Arn: arn(context, 'iam', `role${path}${name}`, true),
        RoleId: `AROA${randomId()}`,
      },
    };
  },
  'AWS::IAM::Policy': (properties, context) => ({
    physicalId: optionalString(properties, 'PolicyName') ?? generatedName(context, 128),
    attributes: {},
  }),
  'AWS::IAM::ManagedPolicy': (properties, context) => {
    const name = optionalString(properties, 'ManagedPolicyName') ?? generatedName(context, 128);
    const policyArn = arn(context, 'iam', `policy/${name}`, true);
    return { physicalId: policyArn, attributes: { PolicyArn: policyArn } };
  },
  'AWS::Logs::LogGroup': (properties, context) => {
    const name = optionalString(properties, 'LogGroupName') ?? generatedName(context, 512);
    return { physicalId: name, attributes: { Arn: arn(context, 'logs', `log-group:${name}:*`) } };
  },
  'AWS::KMS::Key': (_properties, context) => {
    const keyId = randomUUID();
    return {
      physicalId: keyId,
      attributes: { Arn: arn(context, 'kms', `key/${keyId}`), KeyId: keyId },
    };
  },
  'AWS::KMS::Alias': (properties, context) => ({
    physicalId: optionalString(properties, 'AliasName') ?? `alias/${generatedName(context, 250)}`,
    attributes: {},
  }),
  'AWS::SNS::Topic': (properties, context) => {
    const name = optionalString(properties, 'TopicName') ?? generatedName(context, 256);
    const topicArn = arn(context, 'sns', name);
    return { physicalId: topicArn, attributes: { TopicArn: topicArn, TopicName: name } };
  },
  'AWS::SNS::Subscription': (_properties, context) => ({
    physicalId: `${arn(context, 'sns', context.logicalId)}:${randomUUID()}`,
    attributes: {},
  }),
  'AWS::SNS::TopicPolicy': (_properties, context) => ({
    physicalId: generatedName(context, 256),
    attributes: {},
  }),
  'AWS::CloudWatch::Alarm': (properties, context) => {
    const name = optionalString(properties, 'AlarmName') ?? generatedName(context, 255);
    return { physicalId: name, attributes: { Arn: arn(context, 'cloudwatch', `alarm:${name}`) } };
  },
  'AWS::Events::Archive': (properties, context) => {
    const name = optionalString(properties, 'ArchiveName') ?? generatedName(context, 48);
    return { physicalId: name, attributes: { Arn: arn(context, 'events', `archive/${name}`) } };
  },
  'AWS::Lambda::Permission': (_properties, context) => ({
    physicalId: generatedName(context, 100),
    attributes: {},
  }),
  'AWS::CDK::Metadata': (_properties, context) => ({
    physicalId: context.logicalId,
    attributes: {},
  }),
};

function randomId(): string {
  return randomUUID().replaceAll('-', '').slice(0, 17).toUpperCase();
}

function recordedProvider(identity: Identity): ResourceProvider {
  return {
    effect: 'recorded',
    async create(properties, context) {
      return identity(properties, context);
    },
    async update(previous) {
      return previous;
    },
  };
}

/** Providers of the types recorded without a local effect, by type. */
export const recordedProviders: Readonly<Record<string, ResourceProvider>> = Object.fromEntries(
  Object.entries(IDENTITIES).map(([type, identity]) => [type, recordedProvider(identity)]),
);
