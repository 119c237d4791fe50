import { type ConditionContext, evaluateCondition } from './conditions.js';
import type { PolicyPrincipal, PolicyStatement } from './policy-document.js';
import { actionMatches, resourceMatches, wildcardMatch } from './wildcards.js';

/** One request as IAM evaluates it. */
export interface AuthorizationRequest {
  /** `dynamodb:PutItem` */
  readonly action: string;
  /** The resource's ARN, or `*` for actions on no resource. */
  readonly resource: string;
  /** Condition keys of the request (see `SUPPORTED_CONDITION_KEYS`), lower case. */
  readonly context: ConditionContext;
  /** For resource policies: who asks (`{ service: 'events.amazonaws.com' }` or a role ARN). */
  readonly principal?: {
    readonly service?: string;
    readonly arn?: string;
    readonly account?: string;
  };
}

/** What the policies say about a request. */
export type AuthorizationDecision =
  | { readonly decision: 'allow'; readonly statement: PolicyStatement }
  | { readonly decision: 'explicitDeny'; readonly statement: PolicyStatement }
  | { readonly decision: 'implicitDeny' }
  /** A statement that applies uses a condition operator the sandbox does not evaluate. */
  | { readonly decision: 'unsupportedCondition'; readonly operator: string };

function principalMatches(
  principal: PolicyPrincipal | undefined,
  asking: AuthorizationRequest['principal'],
): boolean {
  // Identity policies name no principal: they apply to the identity they are attached to.
  if (principal === undefined) return true;
  if (principal === '*') return true;
  if (asking?.service !== undefined && principal.service.includes(asking.service)) return true;
  return principal.aws.some(
    (entry) =>
      entry === '*' ||
      (asking?.arn !== undefined && wildcardMatch(entry, asking.arn)) ||
      (asking?.account !== undefined &&
        (entry === asking.account || entry === `arn:aws:iam::${asking.account}:root`)),
  );
}

/** Whether a statement is about this request, conditions aside. */
export function statementApplies(
  statement: PolicyStatement,
  request: AuthorizationRequest,
): boolean {
  const action = statement.actions
    ? statement.actions.some((pattern) => actionMatches(pattern, request.action))
    : !(statement.notActions ?? []).some((pattern) => actionMatches(pattern, request.action));
  if (!action) return false;
  const resource = statement.resources
    ? statement.resources.some((pattern) => resourceMatches(pattern, request.resource))
    : statement.notResources
      ? !statement.notResources.some((pattern) => resourceMatches(pattern, request.resource))
      : // A resource policy's statement may leave Resource out: it is about its own resource.
        true;
  return resource && principalMatches(statement.principal, request.principal);
}

/**
 * IAM's evaluation within one account: an explicit Deny that applies wins; otherwise an Allow
 * that applies allows; otherwise the request is denied implicitly. A statement that applies but
 * whose condition the sandbox cannot evaluate denies, naming the operator, rather than guess.
 */
export function evaluatePolicies(
  statements: Iterable<PolicyStatement>,
  request: AuthorizationRequest,
): AuthorizationDecision {
  let allowed: PolicyStatement | undefined;
  let unsupported: string | undefined;
  for (const statement of statements) {
    if (!statementApplies(statement, request)) continue;
    if (statement.condition) {
      const result = evaluateCondition(statement.condition, request.context);
      if ('unsupported' in result) {
        unsupported ??= result.unsupported;
        continue;
      }
      if (!result.holds) continue;
    }
    if (statement.effect === 'Deny') return { decision: 'explicitDeny', statement };
    allowed ??= statement;
  }
  if (unsupported !== undefined) return { decision: 'unsupportedCondition', operator: unsupported };
  return allowed ? { decision: 'allow', statement: allowed } : { decision: 'implicitDeny' };
}
