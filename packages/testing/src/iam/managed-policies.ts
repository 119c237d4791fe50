import type { PolicyStatement } from './policy-document.js';

/**
 * The AWS managed policies that functions of this framework and of CDK get attached, written down
 * from AWS's managed policy reference (their current versions), so a role that attaches them has
 * exactly their actions here.
 */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, readonly PolicyStatement[]>> = {
  // CDK attaches it to every function's default role: write its own logs.
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': [
    {
      effect: 'Allow',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: ['*'],
    },
  ],
  // For functions an SQS event source mapping feeds: poll, delete and read the queue's attributes.
  'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole': [
    {
      effect: 'Allow',
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      resources: ['*'],
    },
    {
      effect: 'Allow',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: ['*'],
    },
  ],
};

/** The statements of an AWS managed policy the sandbox knows, by its ARN. */
export function awsManagedPolicy(arn: string): readonly PolicyStatement[] | undefined {
  return Object.hasOwn(AWS_MANAGED_POLICIES, arn) ? AWS_MANAGED_POLICIES[arn] : undefined;
}

/** True for an ARN of AWS's own managed policies (`arn:aws:iam::aws:policy/…`). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);
}
