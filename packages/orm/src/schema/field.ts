import type { AnyAttributeBuilder, AttributeBuilderProps } from './attribute.js';
import type { Attribute } from './definition.js';

/** One attribute of a table, frozen from its builder: what the compiled codecs loop over. */
export interface Field extends AttributeBuilderProps<unknown> {
  readonly name: string;
}

/** Freezes a builder into a field. */
export function toField(name: string, builder: AnyAttributeBuilder): Field {
  return { name, ...builder.props };
}

/** The public description of a field. */
export function describeField({
  name,
  codec,
  optional,
  hasDefault,
  description,
}: Field): Attribute {
  const { kind, keyType, details } = codec;
  const prefix = (codec as { prefix?: Attribute['prefix'] }).prefix;
  const attribute: Record<string, unknown> = { name, kind, optional, hasDefault };
  // Only the settings that apply, so the description stays small and JSON-friendly.
  for (const [key, value] of Object.entries({ description, keyType, details, prefix })) {
    if (value !== undefined) attribute[key] = value;
  }
  return Object.freeze(attribute) as unknown as Attribute;
}
