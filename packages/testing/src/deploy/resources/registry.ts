import { dynamodbTable } from './dynamodb-table.js';
import { eventsEventBus, eventsRule } from './events.js';
import { iamManagedPolicy, iamPolicy, iamRole, lambdaPermission } from './iam.js';
import { lambdaEventInvokeConfig, lambdaEventSourceMapping, lambdaFunction } from './lambda.js';
import type { ResourceProvider } from './provider.js';
import { recordedProviders } from './recorded.js';
import { sesEmailIdentity } from './ses-email-identity.js';
import { sqsQueue, sqsQueuePolicy } from './sqs-queue.js';

/** Every resource type the sandbox deploys, with what it does for it. */
export const RESOURCE_PROVIDERS: Readonly<Record<string, ResourceProvider>> = {
  'AWS::DynamoDB::Table': dynamodbTable,
  'AWS::SQS::Queue': sqsQueue,
  'AWS::SQS::QueuePolicy': sqsQueuePolicy,
  'AWS::Events::EventBus': eventsEventBus,
  'AWS::Events::Rule': eventsRule,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::EventSourceMapping': lambdaEventSourceMapping,
  'AWS::Lambda::EventInvokeConfig': lambdaEventInvokeConfig,
  'AWS::SES::EmailIdentity': sesEmailIdentity,
  ...recordedProviders,
  'AWS::IAM::Role': iamRole,
  'AWS::IAM::Policy': iamPolicy,
  'AWS::IAM::ManagedPolicy': iamManagedPolicy,
  'AWS::Lambda::Permission': lambdaPermission,
};
