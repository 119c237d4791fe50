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

export type ApiService = keyof typeof SERVICES;

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

/** A client of the sandbox's edge that speaks each service's JSON protocol. */
export function sandboxApi(endpoint: string, region: string): SandboxApi {
  return {
    async call(service, action, input, signal) {
      const { target, contentType, scope } = SERVICES[service];
      const date = new Date().toISOString().slice(0, 10).replaceAll('-', '');
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-amz-target': `${target}.${action}`,
          // The sandbox does not check signatures; DynamoDB Local wants the header's shape.
          authorization: `AWS4-HMAC-SHA256 Credential=sandbox/${date}/${region}/${scope}/aws4_request, SignedHeaders=host, Signature=0`,
        },
        body: JSON.stringify(input),
        ...(signal && { signal }),
      });
      const text = await response.text();
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      if (!response.ok) {
        const type = String(body.__type ?? body.code ?? response.status);
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
