/** What `runConcurrent` did: which calls finished, their results, and the first failure. */
export interface ConcurrentRun<R> {
  /** Per input, in input order: the result, or `undefined` when the call failed or never started. */
  readonly results: (R | undefined)[];
  /** Per input: whether its call finished without throwing. */
  readonly done: boolean[];
  /** The first error thrown; after it no further call was started. */
  readonly failure?: { readonly error: unknown };
}

/**
 * Runs `fn` over `values` with at most `limit` calls in flight (batches of thousands of items
 * should not open hundreds of connections at once). On the first failure no new call starts;
 * the calls already in flight are awaited, so when this resolves nothing runs in the background
 * and the caller knows exactly which inputs were handled.
 */
export async function runConcurrent<T, R>(
  values: readonly T[],
  limit: number,
  fn: (value: T) => Promise<R>,
): Promise<ConcurrentRun<R>> {
  const results = new Array<R | undefined>(values.length).fill(undefined);
  const done = new Array<boolean>(values.length).fill(false);
  let failure: { error: unknown } | undefined;
  let next = 0;
  const worker = async () => {
    while (failure === undefined && next < values.length) {
      const index = next++;
      try {
        results[index] = await fn(values[index] as T);
        done[index] = true;
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
  return failure ? { results, done, failure } : { results, done };
}

/** Requests a batch operation keeps in flight at once. */
export const BATCH_CONCURRENCY = 8;
