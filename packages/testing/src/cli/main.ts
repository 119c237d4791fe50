#!/usr/bin/env node
// davinci-sandbox: the sandbox from the command line. `start` runs it (and deploys a cdk.out),
// `dev` synthesizes, deploys and redeploys on change, `deploy` targets a running one, `emails`
// prints what a running one's SES sent.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { IamMode } from '../iam/denials.js';
import { deployCommand } from './deploy.js';
import { devCommand } from './dev.js';
import { emailsCommand } from './emails.js';
import { processOutput } from './output.js';
import { startCommand } from './start.js';

/** The port `start` and `dev` listen on and `deploy` targets, unless told otherwise. */
const DEFAULT_PORT = 4566;

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  }
  return parsed;
}

const portOption = () =>
  new Option('-p, --port <port>', 'port of the endpoint on 127.0.0.1 (0: any free one)')
    .argParser(port)
    .default(DEFAULT_PORT);

const endpointOption = () =>
  new Option('-e, --endpoint <url>', 'the running sandbox').default(
    process.env.AWS_ENDPOINT_URL ?? `http://127.0.0.1:${DEFAULT_PORT}`,
  );
const iamOption = () =>
  new Option(
    '--iam <mode>',
    'how deployed IAM policies apply: enforce (deny what AWS would), warn (only report), off',
  )
    .choices(['enforce', 'warn', 'off'])
    .default('enforce');

const program = new Command()
  .name('davinci-sandbox')
  .description(
    'A local AWS for event-driven apps: DynamoDB, EventBridge, SQS, Lambda and SES on one endpoint.',
  )
  .showHelpAfterError();

program
  .command('start')
  .description('start the sandbox, optionally deploy a cloud assembly, and print function logs')
  .addOption(portOption())
  .option('-d, --deploy <cdk.out>', 'a cloud assembly folder to deploy once started')
  .option('--no-dynamodb', 'start without DynamoDB Local (no Java needed)')
  .addOption(iamOption())
  .action((options: { port: number; deploy?: string; dynamodb: boolean; iam: IamMode }) =>
    startCommand(options, processOutput),
  );

program
  .command('dev')
  .description("synthesize with cdk.json's app, deploy, and redeploy what changed on every edit")
  .addOption(portOption())
  .option('-a, --app <command>', "the synth command (default: cdk.json's app)")
  .option('--no-dynamodb', 'start without DynamoDB Local (no Java needed)')
  .addOption(iamOption())
  .action((options: { port: number; app?: string; dynamodb: boolean; iam: IamMode }) =>
    devCommand(options, processOutput),
  );

program
  .command('deploy')
  .description('deploy a cloud assembly into a running sandbox')
  .argument('<cdk.out>', 'the cloud assembly folder `cdk synth` wrote')
  .addOption(endpointOption())
  .option('-s, --stacks <names>', 'only these stacks (comma-separated), with what they depend on')
  .action((folder: string, options: { endpoint: string; stacks?: string }) =>
    deployCommand(
      folder,
      {
        endpoint: options.endpoint,
        ...(options.stacks && { stacks: options.stacks.split(',').filter(Boolean) }),
      },
      processOutput,
    ),
  );

program
  .command('emails')
  .description("print the emails a running sandbox's SES sent")
  .addOption(endpointOption())
  .option('--json', 'print them as JSON, in the shape of GET /_aws/ses')
  .action((options: { endpoint: string; json?: boolean }) =>
    emailsCommand({ endpoint: options.endpoint, json: options.json === true }, processOutput),
  );

try {
  await program.parseAsync();
} catch (error) {
  processOutput.error(`davinci-sandbox: ${(error as Error).message}`);
  process.exitCode = 1;
}
