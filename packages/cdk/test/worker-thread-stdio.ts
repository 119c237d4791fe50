import { isMainThread } from 'node:worker_threads';

// Stryker runs vitest in worker threads, where process.stdout and process.stderr are message
// channels with no file descriptor. CDK's local bundling passes them as the stdio of the esbuild
// child process, which needs a descriptor; the process-wide ones (1 and 2) are the same streams.
if (!isMainThread) {
  for (const [stream, fd] of [
    [process.stdout, 1],
    [process.stderr, 2],
  ] as const) {
    if (typeof (stream as { fd?: unknown }).fd !== 'number') {
      Object.defineProperty(stream, 'fd', { value: fd });
    }
  }
}
