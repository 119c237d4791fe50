/**
 * Attribute builders, one per Da Vinci attribute type (TableObjectAttributeType) plus literal
 * unions, used as `attr.string()`, `attr.datetime()`, …. Each returns an immutable builder with
 * `.optional()`, `.default()`, `.describe()` and `.validate()`.
 *
 * Exported as a namespace rather than an object. Import it as `import * as attr from
 * '@davinci/orm/attr'` so that esbuild, which cannot tree-shake a re-exported namespace, bundles
 * only the builders a handler calls; `import { attr } from '@davinci/orm'` works too, and rollup and
 * webpack drop the unused builders either way.
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
