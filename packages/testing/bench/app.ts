import { fileURLToPath } from 'node:url';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { CfnEventSourceMapping, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Queue } from 'aws-cdk-lib/aws-sqs';

const ENTRY = fileURLToPath(new URL('./fixtures/handler.ts', import.meta.url));

export const BENCH_STACK = 'bench-app';
export const BENCH_BUS = 'bench-bus';
export const BENCH_TABLE = 'bench-events';

/**
 * One pipeline per concurrency the bench compares: a rule on its own detail type → a queue → a
 * function fed by an SQS event source with that maximum concurrency.
 */
export interface BenchPipeline {
  /** The `maxConcurrency` of its event source mapping. */
  readonly maxConcurrency: number;
  /** The detail type its rule matches. */
  readonly detailType: string;
  readonly functionName: string;
}

export const BENCH_PIPELINES: readonly BenchPipeline[] = [1, 2, 5].map((maxConcurrency) => ({
  maxConcurrency,
  detailType: `bench.c${maxConcurrency}`,
  functionName: `bench-record-c${maxConcurrency}`,
}));

/** Synthesizes the benchmark app into `outdir` and returns the cloud assembly's folder. */
export function synthesizeBenchApp(outdir: string): string {
  const app = new App({ outdir });
  const stack = new Stack(app, BENCH_STACK, { stackName: BENCH_STACK });
  const table = new Table(stack, 'Events', {
    tableName: BENCH_TABLE,
    partitionKey: { name: 'id', type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const bus = new EventBus(stack, 'Bus', { eventBusName: BENCH_BUS });
  for (const pipeline of BENCH_PIPELINES) {
    const suffix = `C${pipeline.maxConcurrency}`;
    const queue = new Queue(stack, `Work${suffix}`, {
      queueName: `bench-work-c${pipeline.maxConcurrency}`,
      visibilityTimeout: Duration.seconds(30),
    });
    new Rule(stack, `Route${suffix}`, {
      eventBus: bus,
      eventPattern: { detailType: [pipeline.detailType] },
      targets: [new SqsQueue(queue)],
    });
    const handler = new NodejsFunction(stack, `Record${suffix}`, {
      entry: ENTRY,
      handler: 'recordEvents',
      runtime: Runtime.NODEJS_22_X,
      functionName: pipeline.functionName,
      bundling: { minify: false },
      environment: { TABLE_NAME: table.tableName },
    });
    table.grantWriteData(handler);
    // AWS's smallest maximum concurrency is 2, and CDK refuses less; a concurrency of 1 is set on
    // the template itself, which the sandbox honours and AWS would refuse.
    handler.addEventSource(
      new SqsEventSource(queue, {
        batchSize: 10,
        ...(pipeline.maxConcurrency >= 2 && { maxConcurrency: pipeline.maxConcurrency }),
      }),
    );
    if (pipeline.maxConcurrency < 2) {
      const mapping = handler.node
        .findAll()
        .find((construct) => construct instanceof CfnEventSourceMapping);
      if (!(mapping instanceof CfnEventSourceMapping)) throw new Error('no event source mapping');
      mapping.addPropertyOverride('ScalingConfig.MaximumConcurrency', pipeline.maxConcurrency);
    }
  }
  return app.synth().directory;
}
