/**
 * IP address literals as EventBridge recognises them: dotted-quad IPv4, and IPv6 in hex groups
 * with at most one `::` (no embedded IPv4 tail). Addresses are compared as byte arrays, so
 * `2001:db8::1` and `2001:0db8:0:0:0:0:0:1` are the same address.
 */
const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** True when the text has the shape of an IP literal (it may still be an invalid one). */
export function looksLikeIpAddress(text: string): boolean {
  return IPV4_SHAPE.test(text) || IPV6_SHAPE.test(text);
}

/** The address bytes (4 or 16), or undefined when the text is not a valid IP literal. */
export function parseIpAddress(text: string): Uint8Array | undefined {
  if (IPV4_SHAPE.test(text)) return parseIpv4(text);
  if (IPV6_SHAPE.test(text)) return parseIpv6(text);
  return undefined;
}

function parseIpv4(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(4);
  const parts = text.split('.');
  for (let i = 0; i < 4; i++) {
    const octet = Number(parts[i]);
    if (!(octet <= 255)) return undefined;
    bytes[i] = octet;
  }
  return bytes;
}

function parseGroups(part: string): number[] | undefined {
  if (part === '') return [];
  const groups: number[] = [];
  for (const group of part.split(':')) {
    if (!HEX_GROUP.test(group)) return undefined;
    groups.push(Number.parseInt(group, 16));
  }
  return groups;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] as string);
  const tail = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    bytes[i * 2] = group >> 8;
    bytes[i * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** Byte-wise order of two addresses of the same family: negative, zero or positive. */
export function compareAddresses(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) {
    const diff = (a[i] as number) - (b[i] as number);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** An inclusive address range: what a CIDR block covers. */
export interface AddressRange {
  readonly low: Uint8Array;
  readonly high: Uint8Array;
}

/** True when the address is of the range's family and inside it. */
export function inAddressRange(address: Uint8Array, range: AddressRange): boolean {
  return (
    address.length === range.low.length &&
    compareAddresses(address, range.low) >= 0 &&
    compareAddresses(address, range.high) <= 0
  );
}

/**
 * The range a CIDR block covers: from the address as written up to the address with every host
 * bit set. Returns an explanation instead when the block is malformed. Like EventBridge, the mask
 * must be below the address width (`/0`–`/31` for IPv4, `/0`–`/127` for IPv6).
 */
export function parseCidr(text: string): AddressRange | string {
  const parts = text.split('/');
  if (parts.length !== 2 || parts[1] === '') return "a CIDR block needs exactly one '/'";
  const [addressText, maskText] = parts as [string, string];
  if (!/^[+-]?\d+$/.test(maskText)) return 'the CIDR mask bits must be an integer';
  const maskBits = Number(maskText);
  if (maskBits < 0) return 'the CIDR mask bits must not be negative';
  const low = parseIpAddress(addressText);
  if (low === undefined) return `"${addressText}" is not a valid IP address`;
  const width = low.length * 8;
  if (maskBits >= width) {
    return `${low.length === 4 ? 'IPv4' : 'IPv6'} mask bits must be below ${width}`;
  }
  const high = Uint8Array.from(low);
  let hostBits = width - maskBits;
  for (let i = high.length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8) {
    high[i] = (high[i] as number) | (hostBits >= 8 ? 0xff : (1 << hostBits) - 1);
  }
  return { low, high };
}
