import type {
  AttributeValue,
  BatchGetItemCommandInput,
  BatchGetItemCommandOutput,
  BatchWriteItemCommandInput,
  BatchWriteItemCommandOutput,
  DynamoDBClient,
  KeysAndAttributes,
  WriteRequest,
} from '@aws-sdk/client-dynamodb';

/**
 * Decides, per batch call, which requests DynamoDB "leaves unprocessed". The chosen ones are
 * never sent to DynamoDB Local and come back in UnprocessedItems/UnprocessedKeys, exactly as a
 * throttled table answers; the rest really run.
 */
export type Withhold<T> = (requests: T[], call: number) => T[];

export interface FaultLog {
  /** Every batch call, with how many requests it carried. */
  readonly calls: { command: string; size: number }[];
}

/**
 * Installs a middleware at the client edge (above the SDK's own retries) that withholds part of
 * each BatchWriteItem/BatchGetItem, throws a throttling error for the calls `throttle` picks, or
 * throws the error `fail` returns. What DynamoDB really leaves unprocessed is kept.
 */
export function injectBatchFaults(
  client: DynamoDBClient,
  faults: {
    withholdWrites?: Withhold<WriteRequest>;
    withholdKeys?: Withhold<Record<string, AttributeValue>>;
    throttle?: (call: number) => boolean;
    /** An error to throw instead of sending the calls it picks (a failure no retry cures). */
    fail?: (call: number) => Error | undefined;
  },
): FaultLog {
  const log: FaultLog = { calls: [] };
  let call = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName;
      if (command !== 'BatchWriteItemCommand' && command !== 'BatchGetItemCommand')
        return next(args);
      const current = call++;
      if (command === 'BatchWriteItemCommand') {
        const input = args.input as BatchWriteItemCommandInput;
        const [table, writes = []] = Object.entries(input.RequestItems ?? {})[0] ?? [];
        log.calls.push({ command, size: writes.length });
        if (faults.throttle?.(current)) throw throttled();
        const failure = faults.fail?.(current);
        if (failure) throw failure;
        const withheld = faults.withholdWrites?.(writes, current) ?? [];
        const sent = writes.filter((write) => !withheld.includes(write));
        const result =
          sent.length > 0
            ? await next({
                ...args,
                input: { ...input, RequestItems: { [table as string]: sent } },
              })
            : { output: { $metadata: {}, UnprocessedItems: {} }, response: {} };
        const output = result.output as BatchWriteItemCommandOutput;
        const unprocessed = [...(output.UnprocessedItems?.[table as string] ?? []), ...withheld];
        return {
          ...result,
          output: {
            ...output,
            UnprocessedItems: unprocessed.length ? { [table as string]: unprocessed } : {},
          },
        };
      }
      const input = args.input as BatchGetItemCommandInput;
      const [table, request] = Object.entries(input.RequestItems ?? {})[0] ?? [];
      const keys = (request as KeysAndAttributes).Keys ?? [];
      log.calls.push({ command, size: keys.length });
      if (faults.throttle?.(current)) throw throttled();
      const failure = faults.fail?.(current);
      if (failure) throw failure;
      const withheld = faults.withholdKeys?.(keys, current) ?? [];
      const sent = keys.filter((key) => !withheld.includes(key));
      const result =
        sent.length > 0
          ? await next({
              ...args,
              input: { ...input, RequestItems: { [table as string]: { ...request, Keys: sent } } },
            })
          : { output: { $metadata: {}, Responses: { [table as string]: [] } }, response: {} };
      const output = result.output as BatchGetItemCommandOutput;
      // What DynamoDB itself left unread stays unread: merge it with the withheld keys.
      const unread = [...(output.UnprocessedKeys?.[table as string]?.Keys ?? []), ...withheld];
      return {
        ...result,
        output: {
          ...output,
          UnprocessedKeys: unread.length ? { [table as string]: { ...request, Keys: unread } } : {},
        },
      };
    },
    { step: 'initialize', name: 'injectBatchFaults' },
  );
  return log;
}

function throttled(): Error {
  const error = new Error('Rate of requests exceeds the allowed throughput (injected)');
  error.name = 'ProvisionedThroughputExceededException';
  return error;
}

/** An error shaped like the SDK's for a request DynamoDB refuses (retrying cannot help). */
export function refused(message = 'One or more parameter values were invalid (injected)'): Error {
  const error = new Error(message);
  error.name = 'ValidationException';
  return error;
}
