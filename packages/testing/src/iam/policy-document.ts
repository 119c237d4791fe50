import { InvalidPolicyDocumentError } from './errors.js';

/** Who a resource policy's statement names: everyone (`*`), or AWS accounts, roles, services. */
export type PolicyPrincipal =
  | '*'
  | {
      /** Account ids, role or user ARNs, or `*`. */
      readonly aws: readonly string[];
      /** Service principals (`events.amazonaws.com`). */
      readonly service: readonly string[];
    };

/** One statement of a policy document, normalised: every list a list, names as IAM spells them. */
export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  /** `Action`; absent when the statement uses `NotAction`. */
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  /** `Resource`; absent when the statement uses `NotResource` (or, in a resource policy, neither). */
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** Resource policies only. */
  readonly principal?: PolicyPrincipal;
  /** `Condition`: operator → condition key → values. */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** A policy document and where it came from, for messages. */
export interface NamedPolicy {
  /** `inline policy X of role R`, `AWS::IAM::Policy X`, the managed policy's ARN. */
  readonly source: string;
  readonly statements: readonly PolicyStatement[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, field: string, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) => {
    if (typeof entry !== 'string' && typeof entry !== 'number' && typeof entry !== 'boolean') {
      throw new InvalidPolicyDocumentError(where, `${field} must be a string or a list of strings`);
    }
    return String(entry);
  });
}

function principalOf(value: unknown, where: string): PolicyPrincipal {
  if (value === '*') return '*';
  if (!isRecord(value)) {
    throw new InvalidPolicyDocumentError(where, 'Principal must be "*" or an object');
  }
  return {
    aws: value.AWS === undefined ? [] : stringList(value.AWS, 'Principal.AWS', where),
    service:
      value.Service === undefined ? [] : stringList(value.Service, 'Principal.Service', where),
  };
}

function conditionOf(
  value: unknown,
  where: string,
): Record<string, Record<string, readonly string[]>> {
  if (!isRecord(value)) throw new InvalidPolicyDocumentError(where, 'Condition must be an object');
  const condition: Record<string, Record<string, readonly string[]>> = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isRecord(keys)) {
      throw new InvalidPolicyDocumentError(where, `Condition.${operator} must be an object`);
    }
    condition[operator] = Object.fromEntries(
      Object.entries(keys).map(([key, values]) => [
        key,
        stringList(values, `Condition.${operator}.${key}`, where),
      ]),
    );
  }
  return condition;
}

/**
 * A policy document as a template writes it (an object, or JSON text as an SQS `Policy`
 * attribute holds it), checked and normalised. `where` names it in errors.
 */
export function parsePolicyDocument(document: unknown, where: string): PolicyStatement[] {
  let value = document;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new InvalidPolicyDocumentError(where, 'is not JSON');
    }
  }
  if (!isRecord(value)) throw new InvalidPolicyDocumentError(where, 'must be an object');
  const raw = value.Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.map((statement, index) => {
    const at = `${where} Statement[${index}]`;
    if (!isRecord(statement)) throw new InvalidPolicyDocumentError(at, 'must be an object');
    const effect = statement.Effect;
    if (effect !== 'Allow' && effect !== 'Deny') {
      throw new InvalidPolicyDocumentError(at, 'Effect must be "Allow" or "Deny"');
    }
    if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
      throw new InvalidPolicyDocumentError(at, 'needs exactly one of Action and NotAction');
    }
    if (statement.Resource !== undefined && statement.NotResource !== undefined) {
      throw new InvalidPolicyDocumentError(at, 'takes Resource or NotResource, not both');
    }
    return {
      ...(typeof statement.Sid === 'string' && { sid: statement.Sid }),
      effect,
      ...(statement.Action !== undefined && {
        actions: stringList(statement.Action, 'Action', at),
      }),
      ...(statement.NotAction !== undefined && {
        notActions: stringList(statement.NotAction, 'NotAction', at),
      }),
      ...(statement.Resource !== undefined && {
        resources: stringList(statement.Resource, 'Resource', at),
      }),
      ...(statement.NotResource !== undefined && {
        notResources: stringList(statement.NotResource, 'NotResource', at),
      }),
      ...(statement.Principal !== undefined && {
        principal: principalOf(statement.Principal, at),
      }),
      ...(statement.Condition !== undefined && {
        condition: conditionOf(statement.Condition, at),
      }),
    };
  });
}
