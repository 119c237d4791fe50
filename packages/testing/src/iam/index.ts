export { IamAuthorizer, type Refusal } from './authorizer.js';
export type { DenialReason, IamDenial, IamMode, SandboxIam } from './denials.js';
export { edgeAuthorizer } from './edge-authorizer.js';
export { InvalidIamModeError, InvalidPolicyDocumentError } from './errors.js';
export { IamRegistry } from './registry.js';
