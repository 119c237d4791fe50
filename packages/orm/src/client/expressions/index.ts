export type {
  AttributeCondition,
  AttributeConditions,
  Condition,
  DynamoType,
  LogicalCondition,
  LooseCondition,
  OperatorCondition,
  SizeCondition,
} from './condition.js';
export { compileCondition } from './condition.js';
export { ExpressionContext } from './expression-context.js';
export type { KeyNames, SortKeyCondition } from './key-condition.js';
export { compileKeyCondition, keyNamesOf } from './key-condition.js';
export { compileProjection } from './projection.js';
export type { ManagedUpdate, UpdateSpec } from './update.js';
export { compileUpdate } from './update.js';
