export * from './clock.js';
export * from './edge/json-protocol.js';
export * from './edge/server.js';
export * from './edge/service.js';
export * from './sandbox.js';
export * from './services/dynamodb/index.js';
export * from './services/events/index.js';
export * from './services/sqs/index.js';
