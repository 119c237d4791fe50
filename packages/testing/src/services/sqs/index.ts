export { SqsError } from './errors.js';
export { SQS_LIMITS } from './limits.js';
export { md5OfBody, md5OfMessageAttributes } from './models/md5.js';
export {
  createSqsService,
  type SqsDeliveryOptions,
  type SqsDeliveryResult,
  type SqsService,
  type SqsServiceOptions,
} from './service.js';
