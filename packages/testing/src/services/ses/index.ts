export { InvalidEmailIdentityError } from './errors.js';
export type { EmailContent, SentEmail } from './models/outbox.js';
export {
  createSesService,
  type SesInspector,
  type SesServiceBehindEdge,
  type SesServiceOptions,
} from './service.js';
