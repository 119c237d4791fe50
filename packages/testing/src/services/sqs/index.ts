export {
  createSqsService,
  type SqsDeliveryOptions,
  type SqsDeliveryResult,
  type SqsService,
  type SqsServiceBehindEdge,
  type SqsServiceOptions,
} from './service.js';
