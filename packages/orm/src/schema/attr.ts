/**
 * Attribute builders, one per Da Vinci attribute type (TableObjectAttributeType) plus literal
 * unions, used as `attr.string()`, `attr.datetime()`, …. Each returns an immutable builder with
 * `.optional()`, `.default()`, `.describe()` and `.validate()`.
 *
 * Exported as a namespace (`export * as attr`) rather than an object, so bundlers drop the
 * builders a handler never calls.
 */
export { boolean } from './attributes/boolean.js';
export { compositeString } from './attributes/composite-string.js';
export { datetime } from './attributes/datetime.js';
export { json, jsonString } from './attributes/json.js';
export { jsonList, jsonStringList, numberList, stringList } from './attributes/lists.js';
export { enumOf as enum, literal } from './attributes/literal.js';
export { number } from './attributes/number.js';
export { numberSet, stringSet } from './attributes/sets.js';
export { string } from './attributes/string.js';
