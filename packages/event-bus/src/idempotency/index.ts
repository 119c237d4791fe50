export { IdempotencyTable, idempotencyKey } from './idempotency-table.js';
export {
  DEFAULT_IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyOptions,
} from './idempotent-runner.js';
