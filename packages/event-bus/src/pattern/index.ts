export { compileEventPattern, matchesEventPattern, validateEventPattern } from './compile.js';
export { InvalidEventPatternError } from './errors.js';
export { type EventSubscription, toEventPattern } from './to-event-pattern.js';
export type {
  EventMatcher,
  EventPattern,
  EventPatternInput,
  EventPatternOperator,
  EventPatternValue,
  JsonLeaf,
} from './types.js';
