import type { AnyAttributeBuilder, CustomRule, DefaultValue } from './attribute.js';
import type { Codec } from './codec.js';
import type { Attribute } from './definition.js';

/** One attribute of a table, frozen from its builder: what the compiled codecs loop over. */
export interface Field {
  readonly name: string;
  readonly codec: Codec;
  readonly optional: boolean;
  readonly hasDefault: boolean;
  readonly defaultValue: DefaultValue<unknown> | undefined;
  readonly rules: readonly CustomRule<unknown>[];
  readonly description: string | undefined;
}

/** Freezes a builder into a field. */
export function toField(name: string, builder: AnyAttributeBuilder): Field {
  const { codec, optional, hasDefault, defaultValue, rules, description } = builder.props;
  return { name, codec, optional, hasDefault, defaultValue, rules, description };
}

/** The public description of a field. */
export function describeField(field: Field): Attribute {
  const { codec } = field;
  const prefix = (codec as { prefix?: Attribute['prefix'] }).prefix;
  return Object.freeze({
    name: field.name,
    kind: codec.kind,
    optional: field.optional,
    hasDefault: field.hasDefault,
    ...(field.description !== undefined && { description: field.description }),
    ...(codec.keyType !== undefined && { keyType: codec.keyType }),
    ...(codec.details !== undefined && { details: codec.details }),
    ...(prefix !== undefined && { prefix }),
  });
}
