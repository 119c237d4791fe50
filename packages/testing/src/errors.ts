/** The `code` of every `SandboxError`, one per error class, so callers can branch on it. */
export type SandboxErrorCode =
  | 'INVALID_CLOCK_FACTOR'
  | 'JAVA_NOT_FOUND'
  | 'DYNAMODB_LOCAL_START_FAILED'
  | 'DYNAMODB_LOCAL_JAR_NOT_FOUND'
  | 'UNSUPPORTED_JSON_PATH'
  | 'INVALID_CLOUD_ASSEMBLY'
  | 'INVALID_TEMPLATE'
  | 'UNSUPPORTED_RESOURCE_TYPE'
  | 'RESOURCE_CREATION_FAILED'
  | 'STACK_IN_USE'
  | 'WAIT_TIMED_OUT'
  | 'FUNCTION_NOT_FOUND'
  | 'INVALID_EMAIL_IDENTITY'
  | 'INVALID_POLICY_DOCUMENT'
  | 'INVALID_IAM_MODE';

/**
 * Base of the errors the sandbox throws to the code that starts and configures it; `code` says
 * which one. (What the services answer over HTTP are AWS-shaped error responses instead.)
 */
export abstract class SandboxError extends Error {
  abstract readonly code: SandboxErrorCode;
  /**
   * A fixed class name, written out in each class: minifiers rename classes, so
   * `constructor.name` would not survive a bundled test setup. On the prototype, not the
   * instance, so the stack header ("JavaNotFoundError: …") shows it too.
   */
  override get name(): string {
    return 'SandboxError';
  }
}
