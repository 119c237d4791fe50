/**
 * Every error this package throws carries a stable `code`, so callers branch on `error.code`
 * (or `instanceof`) instead of parsing messages.
 */
export abstract class DavinciEventBusError extends Error {
  abstract readonly code: string;
  override get name(): string {
    return this.constructor.name;
  }
}

/** One field that broke one rule. `path` is the field path, e.g. `email` or `items[2].sku`. */
export interface ValidationIssue {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * An event (its type or its body) is not valid. Thrown before anything is sent, listing every
 * bad field with the rule it broke.
 */
export class ValidationError extends DavinciEventBusError {
  readonly code = 'VALIDATION_FAILED' as const;
  constructor(
    readonly issues: readonly ValidationIssue[],
    readonly eventType?: string,
  ) {
    super(
      `${eventType ? `${eventType}: ` : ''}invalid event: ${issues
        .map((issue) => `${issue.path} (${issue.rule}): ${issue.message}`)
        .join('; ')}`,
    );
  }
}
