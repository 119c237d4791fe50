/**
 * The code a function's worker thread runs, as Lambda's Node.js runtime does: load the handler
 * module once (ES module or CommonJS, through `import()`), then run one invocation per message.
 * It is evaluated from this string so that it runs the same from sources and from the build.
 *
 * Messages in: `{ id, event, context: { awsRequestId, deadline, … } }`.
 * Messages out: `{ id, ok: true, result }` or `{ id, ok: false, error: { errorType, errorMessage, trace } }`,
 * and once `{ initError }` when the handler cannot be loaded.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const Module = require('node:module');

// The function's output goes through the same port as its results, so that the lines an
// invocation prints arrive before the invocation's END, in the order they were written.
for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]]) {
  stream.write = (chunk, encoding, callback) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
    parentPort.postMessage({ output: text, stream: name });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  };
}

// As in Lambda, the runtime's AWS SDK resolves for code that leaves it out of its bundle:
// CommonJS requires through NODE_PATH, ES module imports through a resolve hook.
if (workerData.sdkPaths.length > 0) {
  process.env.NODE_PATH = [...workerData.sdkPaths, process.env.NODE_PATH].filter(Boolean).join(':');
  Module._initPaths();
  const hooks = [
    "import { join } from 'node:path';",
    "import { pathToFileURL } from 'node:url';",
    'let folders = [];',
    'export async function initialize(data) { folders = data.sdkPaths; }',
    'export async function resolve(specifier, context, next) {',
    '  try { return await next(specifier, context); } catch (error) {',
    "    if (!specifier.startsWith('@aws-sdk/')) throw error;",
    '    for (const folder of folders) {',
    "      try { return await next(specifier, { ...context, parentURL: pathToFileURL(join(folder, 'index.js')).href }); } catch {}",
    '    }',
    '    throw error;',
    '  }',
    '}',
  ].join('\\n');
  Module.register('data:text/javascript,' + encodeURIComponent(hooks), { data: { sdkPaths: workerData.sdkPaths } });
}

function describeError(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: String(error.stack || '').split('\\n'),
    };
  }
  return { errorType: 'Error', errorMessage: String(error), trace: [] };
}

async function loadHandler() {
  const { codeDir, handler } = workerData;
  const dot = handler.lastIndexOf('.');
  if (dot <= 0) throw Object.assign(new Error('Bad handler ' + handler), { name: 'Runtime.MalformedHandlerName' });
  const modulePath = handler.slice(0, dot);
  const exportPath = handler.slice(dot + 1);
  const file = ['.js', '.mjs', '.cjs'].map((extension) => join(codeDir, modulePath + extension)).find((candidate) => existsSync(candidate));
  if (!file) {
    throw Object.assign(new Error("Cannot find module '" + modulePath + "'"), { name: 'Runtime.ImportModuleError' });
  }
  const loaded = await import(pathToFileURL(file).href);
  let target = loaded;
  for (const key of exportPath.split('.')) {
    target = target == null ? undefined : key in target ? target[key] : target.default ? target.default[key] : undefined;
  }
  if (typeof target !== 'function') {
    throw Object.assign(new Error(modulePath + '.' + exportPath + ' is undefined or not exported'), { name: 'Runtime.HandlerNotFound' });
  }
  return target;
}

const ready = loadHandler();
ready.catch((error) => parentPort.postMessage({ initError: describeError(error) }));

parentPort.on('message', async ({ id, event, context: given }) => {
  let handler;
  try {
    handler = await ready;
  } catch {
    return;
  }
  const context = {
    ...given,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, given.deadline - Date.now()),
  };
  delete context.deadline;
  let settled = false;
  const finish = (error, result) => {
    if (settled) return;
    settled = true;
    parentPort.postMessage(error == null ? { id, ok: true, result } : { id, ok: false, error: describeError(error) });
  };
  context.done = finish;
  context.succeed = (result) => finish(null, result);
  context.fail = (error) => finish(error ?? new Error('handled'));
  try {
    // A handler with three parameters is a callback handler; any other returns its result.
    const returned = handler.length >= 3 ? handler(event, context, finish) : handler(event, context);
    if (handler.length < 3 || (returned && typeof returned.then === 'function')) {
      finish(null, await returned);
    }
  } catch (error) {
    finish(error);
  }
});
`;
