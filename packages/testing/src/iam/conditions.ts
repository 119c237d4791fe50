import { arnLike, wildcardMatch } from './wildcards.js';

/**
 * The request context a condition reads: key (lower case) → value. A key that is absent is
 * absent from the request, as IAM treats keys the request does not carry.
 */
export type ConditionContext = Readonly<Record<string, string | undefined>>;

/** The keys the sandbox sets; any other key is absent from every request. */
export const SUPPORTED_CONDITION_KEYS = [
  'aws:SecureTransport',
  'aws:SourceArn',
  'aws:SourceAccount',
] as const;

/** Whether a statement's `Condition` holds, or the operator the sandbox cannot evaluate. */
export type ConditionResult = { readonly holds: boolean } | { readonly unsupported: string };

type Comparison = (pattern: string, value: string) => boolean;

/** The base operators (without `IfExists`), each with its comparison and whether it negates. */
const OPERATORS: Readonly<Record<string, { compare: Comparison; negated: boolean }>> = {
  StringEquals: { compare: (p, v) => p === v, negated: false },
  StringNotEquals: { compare: (p, v) => p === v, negated: true },
  StringEqualsIgnoreCase: {
    compare: (p, v) => p.toLowerCase() === v.toLowerCase(),
    negated: false,
  },
  StringNotEqualsIgnoreCase: {
    compare: (p, v) => p.toLowerCase() === v.toLowerCase(),
    negated: true,
  },
  StringLike: { compare: (p, v) => wildcardMatch(p, v), negated: false },
  StringNotLike: { compare: (p, v) => wildcardMatch(p, v), negated: true },
  ArnEquals: { compare: arnLike, negated: false },
  ArnLike: { compare: arnLike, negated: false },
  ArnNotEquals: { compare: arnLike, negated: true },
  ArnNotLike: { compare: arnLike, negated: true },
  Bool: { compare: (p, v) => p.toLowerCase() === v.toLowerCase(), negated: false },
};

/**
 * Evaluates a statement's `Condition` as IAM does: every operator must hold, every key under an
 * operator must hold, and a key holds when any of its values matches (a negated operator: when
 * none does). A key absent from the request fails a positive operator, passes a negated one, and
 * passes any operator written with `…IfExists`. `Null` tests presence itself.
 */
export function evaluateCondition(
  condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
  context: ConditionContext,
): ConditionResult {
  let holds = true;
  for (const [operator, keys] of Object.entries(condition)) {
    const result = evaluateOperator(operator, keys, context);
    if ('unsupported' in result) return result;
    if (!result.holds) holds = false;
  }
  return { holds };
}

function evaluateOperator(
  operator: string,
  keys: Readonly<Record<string, readonly string[]>>,
  context: ConditionContext,
): ConditionResult {
  if (operator === 'Null') {
    return {
      holds: Object.entries(keys).every(([key, values]) => {
        const absent = context[key.toLowerCase()] === undefined;
        return values.some((value) => (value.toLowerCase() === 'true') === absent);
      }),
    };
  }
  const ifExists = operator.endsWith('IfExists');
  const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  const known = Object.hasOwn(OPERATORS, base) ? OPERATORS[base] : undefined;
  if (!known) return { unsupported: operator };
  return {
    holds: Object.entries(keys).every(([key, patterns]) => {
      const value = context[key.toLowerCase()];
      if (value === undefined) return ifExists || known.negated;
      const matched = patterns.some((pattern) => known.compare(pattern, value));
      return known.negated ? !matched : matched;
    }),
  };
}
