import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from './index.js';

let squatter: Server | undefined;
const held: Socket[] = [];
afterEach(async () => {
  for (const socket of held.splice(0)) socket.destroy();
  await new Promise((resolve) => (squatter ? squatter.close(resolve) : resolve(undefined)));
});

describe('startDynamoDbLocal on a port something else holds', () => {
  it('fails instead of hanging on a listener that never answers', async () => {
    // Accepts connections and never answers, like a stuck server.
    squatter = createServer((socket) => held.push(socket));
    const port = await new Promise<number>((resolve) =>
      squatter?.listen(0, '127.0.0.1', () => {
        const address = squatter?.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      }),
    );
    await expect(startDynamoDbLocal({ port, readyTimeoutMs: 5_000 })).rejects.toThrow(
      /DynamoDB Local (exited|did not answer)/,
    );
  }, 30_000);
});
