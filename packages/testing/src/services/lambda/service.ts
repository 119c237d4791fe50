import type { SandboxApi } from '../../deploy/sandbox-api.js';
import { type FunctionConfig, FunctionPool, type InvocationResult } from './function-pool.js';
import { type SqsMappingConfig, SqsPoller } from './sqs-poller.js';

/** One captured log line of a function. */
export interface FunctionLogLine {
  readonly functionName: string;
  readonly line: string;
}

/** The deployed functions of a sandbox: invoke them, read their logs. */
export interface LambdaService {
  /** Invokes a deployed function synchronously, as `RequestResponse` does. */
  invoke(functionName: string, event: unknown): Promise<InvocationResult>;
  /** Every log line of a function so far (START, its output, END, REPORT), or of all functions. */
  logs(functionName?: string): readonly FunctionLogLine[];
  /** The names of the deployed functions. */
  functionNames(): readonly string[];
}

export interface LambdaServiceBehindDeploy extends LambdaService {
  putFunction(config: FunctionConfig): Promise<void>;
  deleteFunction(functionName: string): Promise<void>;
  putMapping(id: string, functionName: string, config: SqsMappingConfig): Promise<void>;
  deleteMapping(id: string): Promise<void>;
  close(): Promise<void>;
}

export interface LambdaServiceOptions {
  readonly api: SandboxApi;
  /** Called with each log line as it arrives; default: kept only. */
  readonly onLog?: (line: FunctionLogLine) => void;
}

export function createLambdaService(options: LambdaServiceOptions): LambdaServiceBehindDeploy {
  const pools = new Map<string, FunctionPool>();
  const mappings = new Map<string, SqsPoller>();
  const lines: FunctionLogLine[] = [];
  const logger = (functionName: string) => (line: string) => {
    const entry = { functionName, line };
    lines.push(entry);
    options.onLog?.(entry);
  };
  const poolOf = (functionName: string) => {
    const pool = pools.get(functionName);
    if (!pool) {
      throw new Error(
        `Function not found: ${functionName}; deployed: ${[...pools.keys()].join(', ') || 'none'}`,
      );
    }
    return pool;
  };

  return {
    invoke: async (functionName, event) => poolOf(functionName).invoke(event),
    logs: (functionName) =>
      functionName === undefined
        ? [...lines]
        : lines.filter((line) => line.functionName === functionName),
    functionNames: () => [...pools.keys()],
    async putFunction(config) {
      // New code or settings: new workers; the old ones finish what they run and go.
      const previous = pools.get(config.functionName);
      pools.set(config.functionName, new FunctionPool(config, logger(config.functionName)));
      await previous?.close();
    },
    async deleteFunction(functionName) {
      const pool = pools.get(functionName);
      pools.delete(functionName);
      await pool?.close();
    },
    async putMapping(id, functionName, config) {
      await mappings.get(id)?.stop();
      mappings.set(
        id,
        new SqsPoller(
          config,
          options.api,
          (event) => poolOf(functionName).invoke(event),
          logger(functionName),
        ),
      );
    },
    async deleteMapping(id) {
      const poller = mappings.get(id);
      mappings.delete(id);
      await poller?.stop();
    },
    async close() {
      await Promise.all([...mappings.values()].map((poller) => poller.stop()));
      mappings.clear();
      await Promise.all([...pools.values()].map((pool) => pool.close()));
      pools.clear();
    },
  };
}
