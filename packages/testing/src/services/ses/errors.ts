import { SandboxError } from '../../errors.js';

/** `sandbox.ses.verifyIdentity()` was given text that is neither an email address nor a domain. */
export class InvalidEmailIdentityError extends SandboxError {
  readonly code = 'INVALID_EMAIL_IDENTITY' as const;
  override get name(): 'InvalidEmailIdentityError' {
    return 'InvalidEmailIdentityError';
  }
  constructor(
    /** The text that was given. */
    readonly identity: string,
  ) {
    super(
      `verifyIdentity: ${JSON.stringify(identity.slice(0, 320))} is neither an email address (name@example.com) nor a domain (example.com)`,
    );
  }
}
