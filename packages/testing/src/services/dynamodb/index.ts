export {
  DynamoDbLocalJarNotFoundError,
  DynamoDbLocalStartError,
  DynamoDbServiceError,
  JavaNotFoundError,
} from './errors.js';
export { locateDynamoDbLocalJar } from './jar.js';
export {
  createDynamoDbService,
  type DynamoDbService,
  type DynamoDbServiceOptions,
} from './service.js';
