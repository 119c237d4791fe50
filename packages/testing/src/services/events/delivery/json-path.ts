import { SandboxError } from '../../../errors.js';

/**
 * The JSONPath subset EventBridge evaluates in `InputPath` and `InputPathsMap`: `$`, dot members
 * (letters, digits, `-`, `_`, `/`), bracketed quoted members and array indices.
 */
export type JsonPath = readonly (string | number)[];

export class UnsupportedJsonPathError extends SandboxError {
  readonly code = 'UNSUPPORTED_JSON_PATH' as const;
  override get name(): 'UnsupportedJsonPathError' {
    return 'UnsupportedJsonPathError';
  }
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`JSONPath ${JSON.stringify(path)} is not supported: ${reason}`);
  }
}

const DOT_MEMBER = /^\.([A-Za-z0-9_\-/@$]+)/;
const QUOTED_MEMBER = /^\[(?:'([^']*)'|"([^"]*)")\]/;
const INDEX = /^\[(\d+)\]/;

export function parseJsonPath(path: string): JsonPath {
  if (!path.startsWith('$')) throw new UnsupportedJsonPathError(path, 'it must start with $');
  const segments: (string | number)[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const dot = DOT_MEMBER.exec(rest);
    const quoted = dot ? null : QUOTED_MEMBER.exec(rest);
    const index = dot || quoted ? null : INDEX.exec(rest);
    const match = dot ?? quoted ?? index;
    if (!match) throw new UnsupportedJsonPathError(path, `unexpected ${JSON.stringify(rest)}`);
    if (index) segments.push(Number(index[1]));
    else segments.push((match[1] ?? match[2]) as string);
    rest = rest.slice(match[0].length);
  }
  return segments;
}

/** The value at `path`, or undefined when any step is missing. */
export function readJsonPath(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current))
        return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    if (current === undefined) return undefined;
  }
  return current;
}
