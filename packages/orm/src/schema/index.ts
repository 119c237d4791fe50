export * as attr from './attr.js';

export {
  type AnyAttributeBuilder,
  AttributeBuilder,
  type CustomRule,
  type DefaultValue,
  type ValidateFn,
} from './attribute.js';
export type { CompositeParts, CompositeStringOptions } from './attributes/composite-string.js';
export type { DatetimeOptions, DatetimeStorage } from './attributes/datetime.js';
export type { LiteralValue } from './attributes/literal.js';
export type { NumberOptions } from './attributes/number.js';
export { isEmptySetValue } from './attributes/sets.js';
export type { StringOptions } from './attributes/string.js';
export type { AttributeKind, KeyType } from './codec.js';
export { defineTable } from './define-table.js';
export type {
  DefineTableProps,
  GlobalIndexProps,
  IndexProjection,
  KeyableNames,
  LocalIndexProps,
  TimestampsProps,
} from './define-table-props.js';
export type { AnyTableDefinition, Attribute, TableDefinition } from './definition.js';
export { isEmptyKeyValue } from './empty-key.js';
export type { JsonObject, JsonValue } from './json-value.js';
export { type PathSegment, parsePath, type ValueOptions } from './paths.js';
export type {
  GlobalSecondaryIndexSchema,
  KeyAttribute,
  LocalSecondaryIndexSchema,
  Projection,
  TableSchema,
} from './table-schema.js';
export type {
  AddableAttributeNames,
  AttributeKindOf,
  AttributeNames,
  AttributeNamesOfKind,
  AttributesShape,
  AttributeValueOf,
  ElementOf,
  IndexKeyAttributeNames,
  IndexNames,
  ItemOf,
  ItemOfAttributes,
  KeyAttributeNames,
  KeyOf,
  ListAttributeNames,
  NestedAttributeNames,
  NonKeyAttributeNames,
  NumberAttributeNames,
  PutInputOf,
  SetAttributeNames,
  TableTypes,
} from './types.js';
