export * from './environment.js';
export * from './names.js';
