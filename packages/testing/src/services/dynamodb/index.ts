export {
  DynamoDbLocalJarNotFoundError,
  DynamoDbLocalStartError,
  DynamoDbServiceError,
  JavaNotFoundError,
} from './errors.js';
export {
  createDynamoDbService,
  type DynamoDbService,
  type DynamoDbServiceBehindEdge,
  type DynamoDbServiceOptions,
} from './service.js';
