/**
 * Base of the errors the sandbox throws to the code that starts and configures it; `code` says
 * which one. (What the services answer over HTTP are AWS-shaped error responses instead.)
 */
export abstract class SandboxError extends Error {
  abstract readonly code: string;
}
