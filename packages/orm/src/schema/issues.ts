import { ValidationError, type ValidationIssue } from '../errors.js';

/**
 * Collects validation issues so one pass can report every bad field at once. Allocated lazily:
 * valid input (the common case) never creates the array.
 */
export class IssueSink {
  list: ValidationIssue[] | undefined;

  add(path: string, rule: string, message: string): void {
    const issue = { path, rule, message };
    if (this.list === undefined) this.list = [issue];
    else this.list.push(issue);
  }

  get failed(): boolean {
    return this.list !== undefined;
  }

  /** Throws one ValidationError listing every collected issue, if there is any. */
  throwIfAny(table?: string): void {
    if (this.list !== undefined) throw new ValidationError(this.list, table);
  }
}

/** Throws a ValidationError for a single issue. */
export function fail(path: string, rule: string, message: string, table?: string): never {
  throw new ValidationError([{ path, rule, message }], table);
}

/**
 * The error to rethrow when reading the member at `segment` (`.key`, `[2]`) failed: a
 * `ValidationError` gets the segment put in front of its paths, so it names the exact place.
 * Called only on failure, so valid reads build no paths.
 */
export function inMember(error: unknown, segment: string): unknown {
  if (!(error instanceof ValidationError)) return error;
  return new ValidationError(
    error.issues.map((issue) => ({ ...issue, path: segment + issue.path })),
    error.table,
  );
}
