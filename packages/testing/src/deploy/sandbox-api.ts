/** The services the deployer calls, with their JSON protocol's target prefix and version. */
const SERVICES = {
  dynamodb: {
    target: 'DynamoDB_20120810',
    contentType: 'application/x-amz-json-1.0',
    scope: 'dynamodb',
  },
  sqs: { target: 'AmazonSQS', contentType: 'application/x-amz-json-1.0', scope: 'sqs' },
  events: { target: 'AWSEvents', contentType: 'application/x-amz-json-1.1', scope: 'events' },
} as const;

/**
 * SES v2 speaks REST-JSON: each action the deployer calls is a method and a path, the rest of the
 * input its JSON body.
 */
const SES_ROUTES: Readonly<Record<string, (input: Record<string, unknown>) => RestCall>> = {
  CreateEmailIdentity: (input) => ({ method: 'POST', path: '/v2/email/identities', body: input }),
  DeleteEmailIdentity: (input) => ({
    method: 'DELETE',
    path: `/v2/email/identities/${encodeURIComponent(String(input.EmailIdentity))}`,
  }),
};

interface RestCall {
  readonly method: string;
  readonly path: string;
  readonly body?: object;
}

export type ApiService = keyof typeof SERVICES | 'ses';

/** An error answer of a service: its AWS error code and message. */
export class ServiceCallError extends Error {
  override get name(): 'ServiceCallError' {
    return 'ServiceCallError';
  }
  constructor(
    readonly service: ApiService,
    readonly action: string,
    readonly errorCode: string,
    readonly status: number,
    message: string,
  ) {
    super(`${service} ${action} failed: ${errorCode}: ${message}`);
  }
}

/** Calls the sandbox's services over its edge, as CloudFormation calls AWS's. */
export interface SandboxApi {
  call(
    service: ApiService,
    action: string,
    input: object,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>>;
}

/** A client of the sandbox's edge that speaks each service's JSON protocol (SES v2's REST-JSON). */
export function sandboxApi(endpoint: string, region: string): SandboxApi {
  return {
    async call(service, action, input, signal) {
      const date = new Date().toISOString().slice(0, 10).replaceAll('-', '');
      const scope = service === 'ses' ? 'ses' : SERVICES[service].scope;
      // The sandbox does not check signatures; DynamoDB Local wants the header's shape.
      const authorization = `AWS4-HMAC-SHA256 Credential=sandbox/${date}/${region}/${scope}/aws4_request, SignedHeaders=host, Signature=0`;
      let response: Response;
      if (service === 'ses') {
        const route = SES_ROUTES[action];
        if (!route) throw new Error(`the deployer has no route for ses ${action}`);
        const call = route(input as Record<string, unknown>);
        response = await fetch(new URL(call.path, endpoint), {
          method: call.method,
          headers: { 'content-type': 'application/json', authorization },
          ...(call.body && { body: JSON.stringify(call.body) }),
          ...(signal && { signal }),
        });
      } else {
        const { target, contentType } = SERVICES[service];
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': contentType,
            'x-amz-target': `${target}.${action}`,
            authorization,
          },
          body: JSON.stringify(input),
          ...(signal && { signal }),
        });
      }
      const text = await response.text();
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      if (!response.ok) {
        const type = String(
          body.__type ?? body.code ?? response.headers.get('x-amzn-errortype') ?? response.status,
        );
        throw new ServiceCallError(
          service,
          action,
          type.slice(type.lastIndexOf('#') + 1),
          response.status,
          String(body.message ?? body.Message ?? text),
        );
      }
      return body;
    },
  };
}
