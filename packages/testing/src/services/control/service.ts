import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { DeployOptions, DeployResult } from '../../deploy/deployer.js';
import { awsJsonErrorResponse } from '../../edge/json-protocol.js';
import type { SandboxService, ServiceRequest, ServiceResponse } from '../../edge/service.js';
import { ServiceError } from '../../edge/service-error.js';
import { SandboxError } from '../../errors.js';

/** The sandbox's own routes: deploy into it, or destroy a stack, from another process (the CLI). */
export const DEPLOY_PATH = '/_sandbox/deploy';
export const DESTROY_PATH = '/_sandbox/destroy';

/** A control request's body is a few paths and names; anything larger is no control request. */
const MAX_BODY_BYTES = 65_536;
const MAX_STACKS = 100;

export interface ControlTarget {
  deploy(cloudAssembly: string, options?: DeployOptions): Promise<DeployResult>;
  destroy(stackName: string): Promise<void>;
}

/**
 * `POST /_sandbox/deploy` with `{ "cloudAssembly": "<absolute folder>", "stacks"?: [...] }`
 * answers the deploy's result; `POST /_sandbox/destroy` with `{ "stackName": "..." }` answers
 * `{}`. The edge's origin policy already turns browser pages away; the body is checked field by
 * field before anything is deployed.
 */
export function createControlService(target: ControlTarget): SandboxService {
  return {
    name: 'control',
    accepts: (request) => request.path === DEPLOY_PATH || request.path === DESTROY_PATH,
    async handle(request) {
      try {
        if (request.method !== 'POST') {
          throw new ServiceError('MethodNotAllowed', `${request.path} takes POST`, { status: 405 });
        }
        const body = parseBody(request);
        if (request.path === DESTROY_PATH) {
          await target.destroy(requiredString(body, 'stackName'));
          return json({});
        }
        const cloudAssembly = requiredString(body, 'cloudAssembly');
        if (!isAbsolute(cloudAssembly)) {
          throw invalid(
            'cloudAssembly',
            `must be an absolute path, got ${JSON.stringify(cloudAssembly)}`,
          );
        }
        if (!existsSync(cloudAssembly) || !statSync(cloudAssembly).isDirectory()) {
          throw invalid('cloudAssembly', `must be a folder, and ${cloudAssembly} is none`);
        }
        const stacks = optionalStacks(body);
        return json(await target.deploy(cloudAssembly, stacks ? { stacks } : {}));
      } catch (error) {
        if (error instanceof ServiceError) return awsJsonErrorResponse(error, 'application/json');
        if (error instanceof SandboxError) {
          return awsJsonErrorResponse(
            new ServiceError(error.name, `${error.code}: ${error.message}`, { status: 400 }),
            'application/json',
          );
        }
        throw error;
      }
    },
    async close() {
      // Nothing of its own runs.
    },
  };
}

function json(body: unknown): ServiceResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function invalid(field: string, rule: string): ServiceError {
  return new ServiceError('ValidationException', `${field}: ${rule}`, { status: 400 });
}

function parseBody(request: ServiceRequest): Record<string, unknown> {
  if (request.body.length > MAX_BODY_BYTES) {
    throw new ServiceError('RequestEntityTooLarge', `the body is over ${MAX_BODY_BYTES} bytes`, {
      status: 413,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8'));
  } catch (error) {
    throw new ServiceError(
      'SerializationException',
      `the body is no JSON: ${(error as Error).message}`,
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServiceError('SerializationException', 'the body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = Object.hasOwn(body, field) ? body[field] : undefined;
  if (typeof value !== 'string' || value === '') throw invalid(field, 'must be a non-empty string');
  return value;
}

function optionalStacks(body: Record<string, unknown>): string[] | undefined {
  const value = Object.hasOwn(body, 'stacks') ? body.stacks : undefined;
  if (value === undefined) return undefined;
  if (
    !Array.isArray(value) ||
    value.length > MAX_STACKS ||
    !value.every((name) => typeof name === 'string' && name !== '')
  ) {
    throw invalid('stacks', `must be a list of at most ${MAX_STACKS} stack names`);
  }
  return value as string[];
}
