import type { RequiredPermission } from '../edge/service.js';
import type { ConditionContext } from './conditions.js';
import { sigV4Credential } from './credentials.js';
import { type DenialReason, denialLine, type IamDenial, type IamMode } from './denials.js';
import { type AuthorizationDecision, evaluatePolicies } from './evaluate.js';
import { davinciHint } from './hints.js';
import { type PolicyStatement, parsePolicyDocument } from './policy-document.js';
import { type FunctionIdentity, type IamRegistry, roleNameOf } from './registry.js';

/** Who signed a request. */
export type CallerIdentity =
  /** The sandbox's own credentials, or an unsigned request: not restricted. */
  | { readonly kind: 'own' }
  | { readonly kind: 'function'; readonly fn: FunctionIdentity }
  /** Signed with an access key the sandbox neither owns nor issued. */
  | { readonly kind: 'unknown'; readonly accessKeyId: string };

/** What to answer instead of serving a request. */
export interface Refusal {
  readonly kind: 'accessDenied' | 'unrecognizedClient';
  readonly message: string;
}

export interface IamAuthorizerOptions {
  readonly mode: IamMode;
  readonly registry: IamRegistry;
  readonly accountId: string;
  /** Access key ids that are the sandbox's own (its env's, the conventional `test`). */
  readonly ownAccessKeyIds: ReadonlySet<string>;
  /** Sandbox-clock time, for the records. */
  readonly now: () => number;
  /** Each denial line, once per function, action and resource. Default: stderr. */
  readonly print?: (line: string) => void;
  /** A queue's `Policy` attribute, for the resource policy of SQS calls. Default: none. */
  readonly queuePolicy?: (queueArn: string) => string | undefined;
}

/** The message AWS gives for a request with credentials it does not know. */
export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';

/**
 * The sandbox's IAM: identifies the caller of each request from its SigV4 credential, checks a
 * deployed function's calls against its role's policies and EventBridge's deliveries against the
 * targets' resource policies, and records and prints what it denies.
 */
export class IamAuthorizer {
  readonly mode: IamMode;
  private readonly recorded: IamDenial[] = [];
  private readonly printed = new Set<string>();
  private readonly warnedKeys = new Set<string>();
  private readonly parsedQueuePolicies = new Map<string, PolicyStatement[]>();
  private readonly decisions = new Map<string, KeptDecision>();
  private readonly print: (line: string) => void;

  constructor(private readonly options: IamAuthorizerOptions) {
    this.mode = options.mode;
    this.print = options.print ?? ((line) => console.warn(line));
  }

  denials(): readonly IamDenial[] {
    return [...this.recorded];
  }

  /** From the headers (and query) alone: who signed the request. */
  identify(headers: Readonly<Record<string, string>>, query?: URLSearchParams): CallerIdentity {
    if (this.mode === 'off') return { kind: 'own' };
    const credential = sigV4Credential(headers, query);
    if (!credential || this.options.ownAccessKeyIds.has(credential.accessKeyId)) {
      return { kind: 'own' };
    }
    const fn = this.options.registry.functionOfKey(credential.accessKeyId);
    return fn ? { kind: 'function', fn } : { kind: 'unknown', accessKeyId: credential.accessKeyId };
  }

  /**
   * Checks a request the caller made; undefined when it is to be served. `permissions` is what
   * the service says the request needs, or undefined for a service with no IAM actions (the
   * sandbox's own routes), which functions may not call.
   */
  authorizeCall(
    caller: CallerIdentity,
    permissions: readonly RequiredPermission[] | undefined,
  ): Refusal | undefined {
    if (caller.kind === 'own') return undefined;
    if (caller.kind === 'unknown') {
      if (this.mode === 'warn') {
        if (!this.warnedKeys.has(caller.accessKeyId)) {
          this.warnedKeys.add(caller.accessKeyId);
          this.print(
            `[sandbox] IAM would refuse (iam: warn) the unknown access key ${caller.accessKeyId}: it is neither the sandbox's (sandbox.env, test) nor a deployed function's`,
          );
        }
        return undefined;
      }
      return { kind: 'unrecognizedClient', message: INVALID_TOKEN_MESSAGE };
    }
    const { fn } = caller;
    if (permissions === undefined) {
      return {
        kind: 'accessDenied',
        message: `User: ${assumedRoleArn(this.options.accountId, fn)} is not authorized to call the sandbox's own routes`,
      };
    }
    for (const { action, resources } of permissions) {
      for (const resource of resources) {
        const decision = this.decisionFor(fn, action, resource);
        if (decision.decision === 'allow') continue;
        const principal = assumedRoleArn(this.options.accountId, fn);
        const denial = this.record({
          kind: 'identity',
          functionName: fn.functionName,
          ...(fn.roleArn !== undefined && { roleArn: fn.roleArn }),
          principal,
          action,
          resource,
          decision,
          message: identityMessage(principal, action, resource, decision),
          davinciOption: davinciHint(fn, action, resource),
        });
        if (denial.enforced) return { kind: 'accessDenied', message: denial.message };
      }
    }
    return undefined;
  }

  /**
   * `decideCall`'s answer, kept while nothing it was made from has changed: the registry (roles,
   * policies, functions, permissions) and, for a queue, its policy. A function's calls carry no
   * request-dependent condition keys, so the same call always gets the same answer.
   */
  private decisionFor(fn: FunctionIdentity, action: string, resource: string): CallDecision {
    const { registry } = this.options;
    const revision = registry.revision;
    const queuePolicy = isQueueArn(resource) ? this.options.queuePolicy?.(resource) : undefined;
    const key = `${action}\n${fn.roleArn ?? ''}\n${resource}`;
    const kept = this.decisions.get(key);
    if (kept && kept.revision === revision && kept.queuePolicy === queuePolicy) {
      return kept.decision;
    }
    const statements = fn.roleArn ? registry.statementsOfRole(fn.roleArn) : [];
    const decision = this.decideCall(statements, fn, action, resource, queuePolicy);
    if (this.decisions.size >= MAX_KEPT_DECISIONS) this.decisions.clear();
    this.decisions.set(key, { revision, queuePolicy, decision });
    return decision;
  }

  /**
   * A call within the account, as IAM decides it: an explicit Deny in the role's policies or in
   * the resource's policy (a queue's, a function's) denies; otherwise an Allow in either allows.
   * A resource policy grants by itself only to the role it names (or to `*`).
   */
  private decideCall(
    statements: readonly PolicyStatement[],
    fn: FunctionIdentity,
    action: string,
    resource: string,
    queuePolicy: string | undefined,
  ): CallDecision {
    const identity = evaluatePolicies(statements, {
      action,
      resource,
      context: FUNCTION_CONTEXT,
    });
    const resourceStatements = this.resourcePolicyOf(resource, queuePolicy);
    if (resourceStatements.length === 0 || identity.decision === 'explicitDeny') return identity;
    const byResource = evaluatePolicies(resourceStatements, {
      action,
      resource,
      context: FUNCTION_CONTEXT,
      principal: fn.roleArn === undefined ? {} : { arn: fn.roleArn },
    });
    if (byResource.decision === 'explicitDeny') return { ...byResource, inResourcePolicy: true };
    if (identity.decision === 'allow') return identity;
    if (byResource.decision === 'allow') return byResource;
    if (identity.decision === 'unsupportedCondition') return identity;
    if (byResource.decision === 'unsupportedCondition') {
      return { ...byResource, inResourcePolicy: true };
    }
    return identity;
  }

  private resourcePolicyOf(resource: string, queuePolicy: string | undefined): PolicyStatement[] {
    const service = resource.split(':')[2];
    if (service === 'sqs') return this.queuePolicyStatements(resource, queuePolicy);
    if (service === 'lambda') {
      return this.options.registry.functionPolicy(resource.split(':')[6] ?? '');
    }
    return [];
  }

  /**
   * Checks an EventBridge rule's delivery to an SQS queue against the queue's policy (its
   * `Policy` attribute, as `AWS::SQS::QueuePolicy` sets it). Undefined when it may go ahead.
   */
  authorizeQueueDelivery(
    queueArn: string,
    ruleArn: string,
    policy: string | undefined,
  ): Refusal | undefined {
    if (this.mode === 'off' || !this.options.registry.isDeployedRule(ruleArn)) return undefined;
    return this.authorizeDelivery(
      this.queuePolicyStatements(queueArn, policy),
      'sqs:SendMessage',
      queueArn,
      ruleArn,
    );
  }

  /**
   * A queue's policy, parsed once per text. One that is no policy document (SetQueueAttributes
   * in AWS refuses it) allows nothing.
   */
  private queuePolicyStatements(queueArn: string, policy: string | undefined): PolicyStatement[] {
    if (!policy) return [];
    let statements = this.parsedQueuePolicies.get(policy);
    if (!statements) {
      try {
        statements = parsePolicyDocument(policy, `the policy of ${queueArn}`);
      } catch {
        statements = [];
      }
      if (this.parsedQueuePolicies.size > 1_000) this.parsedQueuePolicies.clear();
      this.parsedQueuePolicies.set(policy, statements);
    }
    return statements;
  }

  /** Checks a rule's delivery to a function against its `AWS::Lambda::Permission`s. */
  authorizeFunctionDelivery(functionArn: string, ruleArn: string): Refusal | undefined {
    if (this.mode === 'off' || !this.options.registry.isDeployedRule(ruleArn)) return undefined;
    const functionName = functionArn.split(':')[6] ?? functionArn;
    return this.authorizeDelivery(
      this.options.registry.functionPolicy(functionName),
      'lambda:InvokeFunction',
      functionArn,
      ruleArn,
      functionName,
    );
  }

  /**
   * Whether a function's event source mapping may poll its queue: its role must allow
   * `sqs:ReceiveMessage`, `sqs:DeleteMessage` and `sqs:GetQueueAttributes` on it. Answers the
   * problem Lambda reports for the mapping, or undefined.
   */
  mappingProblem(functionName: string, queueArn: string): string | undefined {
    if (this.mode === 'off') return undefined;
    const fn = this.options.registry.functionNamed(functionName);
    if (!fn?.roleArn) return undefined;
    const statements = this.options.registry.statementsOfRole(fn.roleArn);
    const principal = assumedRoleArn(this.options.accountId, fn);
    for (const action of MAPPING_ACTIONS) {
      const decision = evaluatePolicies(statements, {
        action,
        resource: queueArn,
        context: FUNCTION_CONTEXT,
        principal: { arn: fn.roleArn, account: this.options.accountId },
      });
      if (decision.decision === 'allow') continue;
      const denial = this.record({
        kind: 'mapping',
        functionName,
        roleArn: fn.roleArn,
        principal,
        action,
        resource: queueArn,
        decision,
        message: `The provided execution role does not have permissions to call ${action.slice(4)} on SQS`,
        davinciOption: undefined,
      });
      if (denial.enforced) return denial.message;
    }
    return undefined;
  }

  /**
   * Whether Lambda may send a function's failed (or, for `onSuccess`, finished) asynchronous
   * event to a queue: it sends as the function's execution role, which needs `sqs:SendMessage`
   * on it. Answers AWS's message when it may not (recorded and printed), else undefined.
   */
  destinationProblem(functionName: string, queueArn: string): string | undefined {
    if (this.mode === 'off') return undefined;
    const fn = this.options.registry.functionNamed(functionName);
    if (!fn?.roleArn) return undefined;
    const refusal = this.authorizeCall({ kind: 'function', fn }, [
      { action: 'sqs:SendMessage', resources: [queueArn] },
    ]);
    return refusal?.message;
  }

  private authorizeDelivery(
    statements: Iterable<PolicyStatement>,
    action: string,
    resource: string,
    ruleArn: string,
    functionName?: string,
  ): Refusal | undefined {
    const decision = evaluatePolicies(statements, {
      action,
      resource,
      context: {
        'aws:securetransport': 'true',
        'aws:sourcearn': ruleArn,
        'aws:sourceaccount': this.options.accountId,
      },
      principal: { service: EVENTS_PRINCIPAL },
    });
    if (decision.decision === 'allow') return undefined;
    const denial = this.record({
      kind: 'resource',
      ...(functionName !== undefined && { functionName }),
      principal: EVENTS_PRINCIPAL,
      action,
      resource,
      sourceArn: ruleArn,
      decision,
      message: `${EVENTS_PRINCIPAL} is not authorized to perform: ${action} on resource: ${resource} because no resource-based policy allows it for ${ruleArn}`,
      fixText: `a ${action.startsWith('sqs:') ? 'queue policy' : 'Lambda permission'} that allows ${action} on ${resource} to ${EVENTS_PRINCIPAL} with aws:SourceArn ${ruleArn}`,
      davinciOption: undefined,
    });
    return denial.enforced ? { kind: 'accessDenied', message: denial.message } : undefined;
  }

  private record(entry: {
    kind: IamDenial['kind'];
    functionName?: string;
    roleArn?: string;
    principal: string;
    action: string;
    resource: string;
    sourceArn?: string;
    decision: Exclude<AuthorizationDecision, { decision: 'allow' }>;
    message: string;
    fixText?: string;
    davinciOption: string | undefined;
  }): IamDenial {
    const { decision } = entry;
    const reason: DenialReason = decision.decision;
    const denial: IamDenial = {
      time: this.options.now(),
      kind: entry.kind,
      ...(entry.functionName !== undefined && { functionName: entry.functionName }),
      ...(entry.roleArn !== undefined && { roleArn: entry.roleArn }),
      principal: entry.principal,
      action: entry.action,
      resource: entry.resource,
      ...(entry.sourceArn !== undefined && { sourceArn: entry.sourceArn }),
      reason,
      ...(decision.decision === 'unsupportedCondition' && {
        unsupportedOperator: decision.operator,
      }),
      message: entry.message,
      fix: `allow ${entry.action} on ${entry.resource}${entry.fixText ? ` (${entry.fixText})` : ''}`,
      ...(entry.davinciOption !== undefined && { davinciOption: entry.davinciOption }),
      enforced: this.mode === 'enforce',
    };
    this.recorded.push(denial);
    if (this.recorded.length > MAX_RECORDED) this.recorded.shift();
    const key = `${entry.kind}\n${entry.functionName ?? entry.principal}\n${entry.action}\n${entry.resource}\n${entry.sourceArn ?? ''}`;
    if (!this.printed.has(key)) {
      this.printed.add(key);
      this.print(denialLine(denial));
    }
    return denial;
  }
}

const EVENTS_PRINCIPAL = 'events.amazonaws.com';
const MAPPING_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];
/** The most denials kept; older ones are dropped first. */
const MAX_RECORDED = 10_000;

/**
 * What a function's calls carry as condition keys. Its SDK talks HTTPS to AWS, so
 * `aws:SecureTransport` is true although the sandbox's endpoint is plain HTTP on loopback.
 */
const FUNCTION_CONTEXT: ConditionContext = { 'aws:securetransport': 'true' };

/** Bounds the decisions kept: one per role, action and resource that was asked about. */
const MAX_KEPT_DECISIONS = 10_000;

interface KeptDecision {
  readonly revision: number;
  readonly queuePolicy: string | undefined;
  readonly decision: CallDecision;
}

/** `arn:<partition>:sqs:…` */
function isQueueArn(arn: string): boolean {
  return arn.startsWith('sqs:', arn.indexOf(':', 4) + 1);
}

function assumedRoleArn(accountId: string, fn: FunctionIdentity): string {
  const role = fn.roleArn ? roleNameOf(fn.roleArn) : 'no-role';
  return `arn:aws:sts::${accountId}:assumed-role/${role}/${fn.functionName}`;
}

/** A call's decision, and whether the resource's policy made it. */
type CallDecision = AuthorizationDecision & { readonly inResourcePolicy?: boolean };

/** AWS's message for a denied call, naming the role, the action, the resource and why. */
function identityMessage(
  principal: string,
  action: string,
  resource: string,
  decision: Exclude<CallDecision, { decision: 'allow' }>,
): string {
  const policy = decision.inResourcePolicy ? 'a resource-based policy' : 'an identity-based policy';
  const because =
    decision.decision === 'explicitDeny'
      ? `with an explicit deny in ${policy}`
      : decision.decision === 'unsupportedCondition'
        ? `because ${policy} uses the condition operator ${decision.operator}, which the sandbox does not evaluate (unsupported condition)`
        : `because no identity-based policy allows the ${action} action`;
  return `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} ${because}`;
}
