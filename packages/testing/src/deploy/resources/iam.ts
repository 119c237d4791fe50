import { parsePolicyDocument } from '../../iam/policy-document.js';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider.js';
import { recordedProviders } from './recorded.js';

/**
 * The IAM resources change nothing the services serve, so they stay `recorded`; the sandbox's IAM
 * keeps what they say, and checks every call of a deployed function against it.
 */
function withRegistration(
  type: string,
  register: (
    state: ResourceState,
    properties: Readonly<Record<string, unknown>>,
    context: ProviderContext,
  ) => void,
  unregister: (state: ResourceState, context: ProviderContext) => void,
): ResourceProvider {
  const recorded = recordedProviders[type] as ResourceProvider;
  return {
    effect: 'recorded',
    async create(properties, context) {
      const state = await recorded.create(properties, context);
      register(state, properties, context);
      return state;
    },
    async update(previous, properties, context) {
      register(previous, properties, context);
      return previous;
    },
    async delete(state, context) {
      unregister(state, context);
    },
  };
}

const names = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** AWS::IAM::Role: its inline policies and managed policy ARNs. */
export const iamRole = withRegistration(
  'AWS::IAM::Role',
  (state, properties, context) =>
    context.iam.putRole(state.physicalId, properties, String(state.attributes.Arn)),
  (state, context) => context.iam.deleteRole(state.physicalId),
);

/** AWS::IAM::Policy: a policy document attached to the roles it names. */
export const iamPolicy = withRegistration(
  'AWS::IAM::Policy',
  (state, properties, context) =>
    context.iam.putPolicy(
      `${context.stackName}/${context.logicalId}`,
      `AWS::IAM::Policy ${state.physicalId}`,
      properties.PolicyDocument,
      names(properties.Roles),
    ),
  (_state, context) => context.iam.deletePolicy(`${context.stackName}/${context.logicalId}`),
);

/** AWS::IAM::ManagedPolicy: attached to the roles it names and to those whose ARNs list it. */
export const iamManagedPolicy = withRegistration(
  'AWS::IAM::ManagedPolicy',
  (state, properties, context) =>
    context.iam.putPolicy(
      `${context.stackName}/${context.logicalId}`,
      `AWS::IAM::ManagedPolicy ${state.physicalId}`,
      properties.PolicyDocument,
      names(properties.Roles),
      state.physicalId,
    ),
  (_state, context) => context.iam.deletePolicy(`${context.stackName}/${context.logicalId}`),
);

/** A function given by name or ARN, as its name. */
function functionNameOf(value: unknown): string {
  const text = String(value ?? '');
  return text.startsWith('arn:') ? (text.split(':')[6] ?? text) : text;
}

/**
 * AWS::Lambda::Permission: one statement of the function's resource policy, which EventBridge's
 * deliveries to it are checked against (`SourceArn` and `SourceAccount` as conditions).
 */
export const lambdaPermission = withRegistration(
  'AWS::Lambda::Permission',
  (state, properties, context) => {
    const functionName = functionNameOf(properties.FunctionName);
    const principal = String(properties.Principal ?? '');
    const condition: Record<string, Record<string, string[]>> = {};
    if (properties.SourceArn !== undefined) {
      condition.ArnLike = { 'aws:SourceArn': [String(properties.SourceArn)] };
    }
    if (properties.SourceAccount !== undefined) {
      condition.StringEquals = { 'aws:SourceAccount': [String(properties.SourceAccount)] };
    }
    const [statement] = parsePolicyDocument(
      {
        Statement: [
          {
            Effect: 'Allow',
            Principal: principal.endsWith('.amazonaws.com')
              ? { Service: principal }
              : { AWS: principal },
            Action: String(properties.Action ?? ''),
            Resource: `arn:aws:lambda:${context.region}:${context.accountId}:function:${functionName}`,
            ...(Object.keys(condition).length > 0 && { Condition: condition }),
          },
        ],
      },
      `AWS::Lambda::Permission ${context.logicalId}`,
    );
    if (statement) context.iam.putPermission(state.physicalId, { functionName, statement });
  },
  (state, context) => context.iam.deletePermission(state.physicalId),
);
