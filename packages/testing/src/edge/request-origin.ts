import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the sandbox. SDKs and the AWS CLI send no `Origin` and no `Sec-Fetch-*`
 * headers; browsers always do. So a request a web page makes (a form POST to the sandbox's port,
 * say) is recognised by those headers and refused, unless its origin was opted in. The `Host`
 * must be a loopback name or address, which defeats DNS rebinding: a hostile name that resolves
 * to 127.0.0.1 still arrives with that name as its `Host`.
 */
export interface RequestOriginPolicy {
  /** The sandbox's own port: `http://127.0.0.1:<port>` and `http://localhost:<port>` are its origins. */
  readonly port: number;
  /** Browser origins let in as well, exactly as a browser sends them (`http://localhost:5173`). */
  readonly allowedOrigins: readonly string[];
}

/** Why the request is refused, or undefined when it may go on. */
export function refusalOf(
  incoming: IncomingMessage,
  policy: RequestOriginPolicy,
): string | undefined {
  const host = incoming.headers.host;
  if (host !== undefined && !isLoopbackHost(host)) {
    return `Host '${host}' is not a loopback name or address; the sandbox answers only 127.0.0.1, localhost and [::1].`;
  }
  const origin = incoming.headers.origin;
  const own = [`http://127.0.0.1:${policy.port}`, `http://localhost:${policy.port}`];
  const originAllowed =
    origin !== undefined && (own.includes(origin) || policy.allowedOrigins.includes(origin));
  if (origin !== undefined && !originAllowed) {
    return `requests from the browser origin '${origin}' are refused; pass it in the sandbox's allowedOrigins option to let it in.`;
  }
  const site = incoming.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none' && !originAllowed) {
    return `a browser request from another site (Sec-Fetch-Site: ${site}) is refused; pass its origin in the sandbox's allowedOrigins option to let it in.`;
  }
  return undefined;
}

/** `localhost`, `*.localhost`, `127.x.x.x` and `[::1]`, each with or without a port. */
function isLoopbackHost(host: string): boolean {
  const name = (
    host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0]
  )?.toLowerCase();
  if (name === undefined) return false;
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(name)
  );
}
