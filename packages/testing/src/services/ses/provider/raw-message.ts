/** The headers of a raw MIME message that SendEmail reads: who it is from and to, its subject. */
export interface RawHeaders {
  readonly from?: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject?: string;
}

/** The most header text read; a message's headers are far shorter. */
const MAX_HEADER_CHARACTERS = 65_536;

/** Reads a MIME message's header block (up to the first empty line), unfolding long headers. */
export function rawHeaders(message: string): RawHeaders {
  const end = message.search(/\r?\n\r?\n/);
  const block = message.slice(
    0,
    Math.min(end === -1 ? message.length : end, MAX_HEADER_CHARACTERS),
  );
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  const list = (name: string) =>
    (headers.get(name) ?? '')
      .split(',')
      .map((address) => address.trim())
      .filter((address) => address !== '');
  const from = headers.get('from');
  const subject = headers.get('subject');
  return {
    ...(from !== undefined && { from }),
    to: list('to'),
    cc: list('cc'),
    bcc: list('bcc'),
    ...(subject !== undefined && { subject }),
  };
}
