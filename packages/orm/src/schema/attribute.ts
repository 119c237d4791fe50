import type { Codec } from './codec.js';
import type { IssueSink } from './issues.js';

/** A custom rule: return `true` when valid, `false` or a message when not. */
export type ValidateFn<TValue> = (value: TValue) => boolean | string;

/** One custom rule attached with `.validate(fn, rule)`. */
export interface CustomRule<TValue> {
  readonly rule: string;
  /** Method syntax keeps builders of every value type assignable to `AnyAttributeBuilder`. */
  test(value: TValue): boolean | string;
}

/** A default: a value, or a function called for every put (use a function for objects, arrays, sets). */
export type DefaultValue<TValue> = TValue | (() => TValue);

/** Everything a builder holds; frozen into an `Attribute` by `defineTable`. */
export interface AttributeBuilderProps<TValue> {
  readonly codec: Codec<TValue>;
  readonly optional: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue?: DefaultValue<TValue> | undefined;
  readonly description?: string | undefined;
  readonly rules: readonly CustomRule<TValue>[];
}

/**
 * An attribute under construction. Every method returns a new builder, so a builder can be shared
 * and refined (`const id = attr.string(); id.optional()` leaves `id` required).
 *
 * The type parameters carry what the item types need: the stored kind, the TypeScript value, and
 * whether a put may leave the attribute out (`optional`, `default`).
 */
export class AttributeBuilder<
  TKind extends string = string,
  TValue = unknown,
  TOptional extends boolean = boolean,
  THasDefault extends boolean = boolean,
> {
  /** Type-level only: the attribute's kind, value and flags. */
  declare readonly '~types': {
    kind: TKind;
    value: TValue;
    optional: TOptional;
    hasDefault: THasDefault;
  };

  constructor(readonly props: AttributeBuilderProps<TValue>) {}

  /** The attribute may be absent; a missing optional attribute is never written. */
  optional(): AttributeBuilder<TKind, TValue, true, THasDefault> {
    return this.with({ optional: true });
  }

  /** Value used when a put leaves the attribute out. Pass a function for a fresh value each time. */
  default(value: DefaultValue<TValue>): AttributeBuilder<TKind, TValue, TOptional, true> {
    return this.with({ hasDefault: true, defaultValue: value });
  }

  /** Human-readable documentation, kept in the definition. */
  describe(text: string): AttributeBuilder<TKind, TValue, TOptional, THasDefault> {
    return this.with({ description: text });
  }

  /**
   * Adds a custom rule, run after the type checks pass. `test` returns `true` when the value is
   * valid, `false` (generic message) or a message string when it is not.
   */
  validate(
    test: ValidateFn<TValue>,
    rule = 'custom',
  ): AttributeBuilder<TKind, TValue, TOptional, THasDefault> {
    return this.with({ rules: [...this.props.rules, { rule, test }] });
  }

  /** A new builder with some props changed; this one stays as it is. */
  private with<TOptionalNext extends boolean, THasDefaultNext extends boolean>(
    changes: Partial<AttributeBuilderProps<TValue>>,
  ): AttributeBuilder<TKind, TValue, TOptionalNext, THasDefaultNext> {
    return new AttributeBuilder({ ...this.props, ...changes });
  }
}

/** Any attribute builder, whatever its types. */
export type AnyAttributeBuilder = AttributeBuilder<string, unknown, boolean, boolean>;

/** Starts a builder for a codec. */
export function builder<TKind extends string, TValue>(
  codec: Codec<TValue>,
): AttributeBuilder<TKind, TValue, false, false> {
  return new AttributeBuilder({ codec, optional: false, hasDefault: false, rules: [] });
}

/** Runs the custom rules of a builder on a value that passed its type checks. */
export function runRules<TValue>(
  rules: readonly CustomRule<TValue>[],
  value: TValue,
  path: string,
  issues: IssueSink,
): void {
  for (const { rule, test } of rules) {
    let result: boolean | string;
    try {
      result = test(value);
    } catch (error) {
      result = error instanceof Error ? error.message : String(error);
    }
    if (result === true) continue;
    issues.add(path, rule, typeof result === 'string' ? result : `failed the '${rule}' rule`);
  }
}
