// The public API, name by name: what a user of startSandbox() calls, catches and sees in its
// types. The edge, the service factories and the protocol helpers stay internal.
export {
  acceleratedClock,
  InvalidClockFactorError,
  type SandboxClock,
  systemClock,
} from './clock.js';
export type {
  DeployedResourceSummary,
  DeployedStackSummary,
  DeployOptions,
  DeployResult,
  SkippedResource,
  StackProgress,
} from './deploy/deployer.js';
export {
  InvalidCloudAssemblyError,
  ResourceCreationError,
  StackInUseError,
  TemplateError,
  UnsupportedResourceTypeError,
} from './deploy/errors.js';
export { SANDBOX_ACCOUNT_ID, SANDBOX_REGION } from './edge/service.js';
export { SandboxError, type SandboxErrorCode } from './errors.js';
export {
  type CapturedEvent,
  type CaptureEventsOptions,
  captureEvents,
  type EventCapture,
} from './helpers/capture-events.js';
export { deployApp, type SynthesizableApp } from './helpers/deploy-app.js';
export {
  type ReadMessage,
  type ReadMessagesOptions,
  readMessages,
} from './helpers/read-messages.js';
export {
  type NotYet,
  type WaitForOptions,
  WaitForTimeoutError,
  waitFor,
} from './helpers/wait-for.js';
export type { DenialReason, IamDenial, IamMode, SandboxIam } from './iam/denials.js';
export { InvalidIamModeError, InvalidPolicyDocumentError } from './iam/errors.js';
export { type Sandbox, type SandboxEnv, type SandboxOptions, startSandbox } from './sandbox.js';
export {
  DynamoDbLocalJarNotFoundError,
  DynamoDbLocalStartError,
  type DynamoDbService,
  DynamoDbServiceError,
  JavaNotFoundError,
} from './services/dynamodb/index.js';
export type {
  DeliveryFailure,
  DeliveryOutcome,
  EventsService,
  RetriesExhausted,
  SinkOptions,
  TargetSink,
} from './services/events/index.js';
export type {
  AsyncInvocationFailure,
  AsyncInvokeConfig,
} from './services/lambda/async-invocations.js';
export type { InvocationResult } from './services/lambda/function-pool.js';
export {
  type FunctionLogLine,
  FunctionNotFoundError,
  type LambdaService,
} from './services/lambda/service.js';
export {
  type EmailContent,
  InvalidEmailIdentityError,
  type SentEmail,
  type SesInspector,
} from './services/ses/index.js';
export type { SqsDeliveryOptions, SqsDeliveryResult, SqsService } from './services/sqs/index.js';
