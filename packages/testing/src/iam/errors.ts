import { SandboxError } from '../errors.js';

/** A policy document of the template is not one IAM would take. */
export class InvalidPolicyDocumentError extends SandboxError {
  readonly code = 'INVALID_POLICY_DOCUMENT' as const;
  override get name(): 'InvalidPolicyDocumentError' {
    return 'InvalidPolicyDocumentError';
  }
  constructor(
    /** Which document: `inline policy P of role R`, `AWS::IAM::Policy P`, a queue's policy. */
    readonly where: string,
    /** The rule it breaks. */
    readonly rule: string,
  ) {
    super(`${where}: ${rule}`);
  }
}

/** `iam` is none of `enforce`, `warn` and `off`. */
export class InvalidIamModeError extends SandboxError {
  readonly code = 'INVALID_IAM_MODE' as const;
  override get name(): 'InvalidIamModeError' {
    return 'InvalidIamModeError';
  }
  constructor(
    /** The value given. */
    readonly mode: unknown,
  ) {
    super(`iam: must be 'enforce', 'warn' or 'off', got ${JSON.stringify(mode)}`);
  }
}
