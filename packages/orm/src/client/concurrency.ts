/**
 * Maps with at most `limit` calls in flight, keeping the input order in the result. Batches of
 * thousands of items should not open hundreds of connections at once.
 */
export async function mapConcurrent<T, R>(
  values: readonly T[],
  limit: number,
  fn: (value: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(values.length);
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      const index = next++;
      results[index] = await fn(values[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
  return results;
}

/** Requests a batch operation keeps in flight at once. */
export const BATCH_CONCURRENCY = 8;
