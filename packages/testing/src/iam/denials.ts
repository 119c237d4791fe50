/** How the sandbox applies IAM: refuse what AWS would (`enforce`), only report it (`warn`), or not check (`off`). */
export type IamMode = 'enforce' | 'warn' | 'off';

/** Why a request was denied. */
export type DenialReason =
  /** No statement allows it. */
  | 'implicitDeny'
  /** A Deny statement applies. */
  | 'explicitDeny'
  /** A statement that applies uses a condition operator the sandbox does not evaluate. */
  | 'unsupportedCondition';

/** A call or delivery the policies did not allow, as `sandbox.iam.denials()` lists it. */
export interface IamDenial {
  /** Sandbox-clock time, ms since the epoch. */
  readonly time: number;
  /**
   * `identity`: a deployed function's call, checked against its role's policies. `resource`: an
   * EventBridge delivery, checked against the queue policy or the function's permissions.
   * `mapping`: an event source mapping whose function's role may not poll its queue.
   */
  readonly kind: 'identity' | 'resource' | 'mapping';
  /** The function that called (`identity`, `mapping`) or was the target (`resource`). */
  readonly functionName?: string;
  /** Its execution role (`identity`, `mapping`). */
  readonly roleArn?: string;
  /** Who asked: `arn:aws:sts::…:assumed-role/<role>/<function>`, or `events.amazonaws.com`. */
  readonly principal: string;
  /** `dynamodb:PutItem` */
  readonly action: string;
  /** The resource's ARN. */
  readonly resource: string;
  /** For a delivery: the rule's ARN (`aws:SourceArn`). */
  readonly sourceArn?: string;
  /** Why the policies did not allow it. */
  readonly reason: DenialReason;
  /** The operator, for `unsupportedCondition`. */
  readonly unsupportedOperator?: string;
  /** AWS's message for the denial, as the caller gets it. */
  readonly message: string;
  /** The grant that fixes it: `allow dynamodb:PutItem on arn:aws:dynamodb:…:table/x`. */
  readonly fix: string;
  /** For functions of a `@davinci/cdk` app: the handler option that grants it (`idempotency: true`). */
  readonly davinciOption?: string;
  /** False in `warn` mode: the request was served anyway. */
  readonly enforced: boolean;
}

/** `sandbox.iam`: the mode the sandbox checks policies in, and what it denied. */
export interface SandboxIam {
  /** The mode the sandbox was started with (`iam` option; default `enforce`). */
  readonly mode: IamMode;
  /** Every denial so far, oldest first (in `warn` mode too, with `enforced: false`). */
  denials(): readonly IamDenial[];
}

/** The line printed once per function, action and resource. */
export function denialLine(denial: IamDenial): string {
  const who = denial.functionName ?? denial.principal;
  const verb = denial.enforced ? 'denied' : 'would deny (iam: warn)';
  const why =
    denial.reason === 'explicitDeny'
      ? ' (an explicit Deny applies)'
      : denial.reason === 'unsupportedCondition'
        ? ` (unsupported condition operator ${denial.unsupportedOperator})`
        : '';
  const through = denial.sourceArn ? ` from ${denial.sourceArn}` : '';
  const option = denial.davinciOption ? `; with @davinci/cdk: ${denial.davinciOption}` : '';
  return `[sandbox] IAM ${verb} ${denial.kind === 'resource' ? `delivery to ${who}${through}` : who}: ${denial.action} on ${denial.resource}${why}; fix: ${denial.fix}${option}`;
}
