import { builder } from '../attribute.js';
import { type Codec, typeIssue } from '../codec.js';
import { IssueSink } from '../issues.js';
import { numberCodec } from './number.js';
import { stringCodec } from './string.js';

/** Issues of the path-free first pass, discarded (checks are synchronous, so one is enough). */
const scratch = /* @__PURE__ */ new IssueSink();

function checkSet(
  value: unknown,
  path: string,
  issues: IssueSink,
  element: Codec,
): value is Set<unknown> {
  if (!(value instanceof Set)) return typeIssue(issues, path, 'a Set', value);
  // Check without building member paths first; only an invalid set pays for them.
  let valid = true;
  for (const member of value) {
    if (!element.check(member, path, scratch)) {
      valid = false;
      break;
    }
  }
  scratch.list = undefined;
  if (valid) return true;
  let index = 0;
  for (const member of value) element.check(member, `${path}[${index++}]`, issues);
  return false;
}

const stringMember = /* @__PURE__ */ stringCodec();
const numberMember = /* @__PURE__ */ numberCodec();

/**
 * DynamoDB rejects empty sets, so an empty set is not written at all; reading a missing set
 * attribute gives an empty Set (for optional attributes: no value), so required sets never
 * come back undefined.
 */
const stringSetCodec: Codec<Set<string>> = {
  kind: 'stringSet',
  check: (value, path, issues) => checkSet(value, path, issues, stringMember),
  marshal: (value) => (value.size === 0 ? undefined : { SS: Array.from(value) }),
  unmarshal: (value) => (value.SS === undefined ? undefined : new Set(value.SS)),
  element: stringMember,
  whenMissing: () => new Set<string>(),
};

const numberSetCodec: Codec<Set<number>> = {
  kind: 'numberSet',
  check: (value, path, issues) => checkSet(value, path, issues, numberMember),
  marshal: (value) => {
    if (value.size === 0) return undefined;
    const members: string[] = [];
    for (const member of value) members.push(String(member));
    return { NS: members };
  },
  unmarshal: (value) => (value.NS === undefined ? undefined : new Set(value.NS.map(Number))),
  element: numberMember,
  whenMissing: () => new Set<number>(),
};

/**
 * Whether a value is an empty Set. DynamoDB cannot store one, so an empty set means "no
 * members": not written by a put, read back as an empty Set when the attribute is required, and
 * an update that sets a set attribute to it removes the attribute (even a required one, which
 * then reads as an empty Set again).
 */
export function isEmptySetValue(value: unknown): value is ReadonlySet<never> {
  return value instanceof Set && value.size === 0;
}

/** A set of strings (`SS`), a `Set<string>` in TypeScript. An empty set is not written. */
export function stringSet() {
  return builder<'stringSet', Set<string>>(stringSetCodec);
}

/** A set of numbers (`NS`), a `Set<number>` in TypeScript. An empty set is not written. */
export function numberSet() {
  return builder<'numberSet', Set<number>>(numberSetCodec);
}
