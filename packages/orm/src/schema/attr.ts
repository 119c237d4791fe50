import { boolean } from './attributes/boolean.js';
import { compositeString } from './attributes/composite-string.js';
import { datetime } from './attributes/datetime.js';
import { json, jsonString } from './attributes/json.js';
import { jsonList, jsonStringList, numberList, stringList } from './attributes/lists.js';
import { enumOf, literal } from './attributes/literal.js';
import { number } from './attributes/number.js';
import { numberSet, stringSet } from './attributes/sets.js';
import { string } from './attributes/string.js';

/**
 * Attribute builders, one per Da Vinci attribute type (TableObjectAttributeType) plus literal
 * unions. Each returns an immutable builder with `.optional()`, `.default()`, `.describe()` and
 * `.validate()`.
 */
export const attr = {
  string,
  number,
  boolean,
  datetime,
  json,
  jsonString,
  stringList,
  numberList,
  jsonList,
  jsonStringList,
  compositeString,
  stringSet,
  numberSet,
  literal,
  enum: enumOf,
} as const;
