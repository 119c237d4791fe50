/**
 * IAM's wildcards: `*` matches any run of characters (`:` and `/` included), `?` exactly one.
 * Actions compare without regard to case; ARNs and condition values with it.
 */
const compiled = new Map<string, RegExp>();

function compile(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = compiled.get(key);
  if (!regex) {
    let source = '';
    for (const char of pattern) {
      if (char === '*') source += '.*';
      else if (char === '?') source += '.';
      else source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
    }
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(key, regex);
  }
  return regex;
}

/** True when `value` matches `pattern` with IAM's `*` and `?`. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  return compile(pattern, ignoreCase).test(value);
}

/** `dynamodb:Get*` matches `dynamodb:GetItem`; service prefix and name ignore case. */
export function actionMatches(pattern: string, action: string): boolean {
  return pattern === '*' || wildcardMatch(pattern, action, true);
}

/** An ARN pattern against an ARN, as `Resource` compares them. */
export function resourceMatches(pattern: string, arn: string): boolean {
  return pattern === '*' || wildcardMatch(pattern, arn);
}

/**
 * `ArnEquals`/`ArnLike`: both ARNs split into their six parts (`arn:partition:service:region:
 * account:resource`), each part matched on its own, so a `*` does not run across a `:` of the
 * first five.
 */
export function arnLike(pattern: string, arn: string): boolean {
  const patternParts = splitArn(pattern);
  const arnParts = splitArn(arn);
  if (!patternParts || !arnParts) return false;
  return patternParts.every((part, index) => wildcardMatch(part, arnParts[index] as string));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
