import type { Duration } from 'aws-cdk-lib';
import type { Architecture } from 'aws-cdk-lib/aws-lambda';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { TableAccess } from '../tables/table-access.js';

/** What every Da Vinci function accepts (plain functions and event handlers alike). */
export interface AddFunctionOptions {
  /** Path of the TypeScript or JavaScript file that exports the handler (relative to the working directory or absolute). */
  readonly entry: string;
  /**
   * Name of the exported handler function in `entry`.
   * @default 'handler'
   */
  readonly handler?: string;
  /**
   * Logical name of the function; the physical name is `{appName}-{deploymentId}-{name}`.
   * @default the handler name in kebab-case (`handleUserCreated` → `handle-user-created`)
   */
  readonly name?: string;
  /**
   * Description shown in the Lambda console.
   * @default none
   */
  readonly description?: string;
  /**
   * Maximum run time of one invocation.
   * @default Duration.seconds(30)
   */
  readonly timeout?: Duration;
  /**
   * Memory in MB (128–10240); CPU scales with it.
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * Tables the function may use, by logical name, and how: `{ users: 'read', user_stats: 'readWrite' }`.
   * Each table must have been added with `addTable()`. The function gets exactly these grants
   * and one `DAVINCI_TABLE_<NAME>` variable per table.
   * @default no table access
   */
  readonly tables?: Readonly<Record<string, TableAccess>>;
  /**
   * Whether the function publishes events: grants `events:PutEvents` on the application's bus only.
   * @default false
   */
  readonly publishes?: boolean;
  /**
   * Extra environment variables. Names starting with `DAVINCI_` are reserved.
   * @default none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * How long the function's log group keeps events.
   * @default the application's `logRetention`
   */
  readonly logRetention?: RetentionDays;
  /**
   * Overrides of the esbuild bundling options (merged over the defaults: local esbuild, no Docker,
   * source maps on, target node22).
   * @default none
   */
  readonly bundling?: BundlingOptions;
  /**
   * The instruction set the function runs on. Graviton (arm64) costs less per millisecond in AWS;
   * choose `Architecture.X86_64` where functions must run natively on an x86 host, as LocalStack
   * runs them (arm64 there needs emulation).
   * @default Architecture.ARM_64
   */
  readonly architecture?: Architecture;
}
