// `pnpm bench`: the matcher's throughput, then publish batching. Benchmarks print tables; they are not tests.
await import('./matcher.js');
await import('./publish.js');
