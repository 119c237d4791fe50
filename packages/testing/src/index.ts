export * from './clock.js';
export * from './edge/server.js';
export * from './edge/service.js';
