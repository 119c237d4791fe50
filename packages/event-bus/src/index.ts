export * from './events/index.js';
export * from './idempotency/index.js';
export * from './pattern/index.js';
export * from './publisher/index.js';
export * from './runtime/index.js';
