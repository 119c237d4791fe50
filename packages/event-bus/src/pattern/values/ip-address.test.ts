import { describe, expect, it } from 'vitest';
import { inAddressRange, looksLikeIpAddress, parseCidr, parseIpAddress } from './ip-address.js';

const bytes = (address: string) => Array.from(parseIpAddress(address) ?? []);
const range = (cidr: string) => {
  const parsed = parseCidr(cidr);
  if (typeof parsed === 'string') throw new Error(`${cidr}: ${parsed}`);
  return { low: Array.from(parsed.low), high: Array.from(parsed.high) };
};

describe('looksLikeIpAddress', () => {
  it('accepts the whole text only', () => {
    expect(looksLikeIpAddress('1.2.33.4')).toBe(true);
    expect(looksLikeIpAddress('2001:db8::1')).toBe(true);
    expect(looksLikeIpAddress('x1.2.3.4')).toBe(false);
    expect(looksLikeIpAddress('1.2.3.4x')).toBe(false);
    expect(looksLikeIpAddress('g::1')).toBe(false);
    expect(looksLikeIpAddress('::1g')).toBe(false);
    expect(looksLikeIpAddress('1.2.3')).toBe(false);
  });
});

describe('parseIpAddress', () => {
  it('reads dotted quads into four bytes, up to 255 each', () => {
    expect(bytes('1.2.33.4')).toEqual([1, 2, 33, 4]);
    expect(bytes('255.255.255.255')).toEqual([255, 255, 255, 255]);
    expect(parseIpAddress('1.2.3.256')).toBeUndefined();
  });

  it('reads IPv6 groups, expanding one :: to the missing zero groups', () => {
    expect(bytes('a:b:c:d:e:f:1:2')).toEqual([
      0, 10, 0, 11, 0, 12, 0, 13, 0, 14, 0, 15, 0, 1, 0, 2,
    ]);
    expect(bytes('2001:db8::1')).toEqual([
      0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    ]);
    expect(bytes('1:2:3:4:5:6::7')).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 0, 0, 7]);
    expect(bytes('::')).toEqual(new Array(16).fill(0));
  });

  it('refuses malformed IPv6 literals', () => {
    expect(parseIpAddress('12345::1')).toBeUndefined();
    expect(parseIpAddress('1::2::3')).toBeUndefined();
    expect(parseIpAddress('1:2:3:4::5:6:7:8')).toBeUndefined();
    expect(parseIpAddress('1:2:3')).toBeUndefined();
    expect(parseIpAddress('1:2:3:4:5:6:7:8:9')).toBeUndefined();
  });
});

describe('parseCidr', () => {
  it('covers from the address as written to the address with every host bit set', () => {
    expect(range('10.0.0.0/8')).toEqual({ low: [10, 0, 0, 0], high: [10, 255, 255, 255] });
    expect(range('192.168.0.0/23')).toEqual({ low: [192, 168, 0, 0], high: [192, 168, 1, 255] });
    expect(range('0.0.0.0/0')).toEqual({ low: [0, 0, 0, 0], high: [255, 255, 255, 255] });
    expect(range('10.0.0.0/+8')).toEqual({ low: [10, 0, 0, 0], high: [10, 255, 255, 255] });
    expect(range('2001:db8::/120').high.slice(14)).toEqual([0, 255]);
  });

  it('explains each malformed block', () => {
    expect(parseCidr('10.0.0.0')).toBe("a CIDR block needs exactly one '/'");
    expect(parseCidr('10.0.0.0/')).toBe("a CIDR block needs exactly one '/'");
    expect(parseCidr('10.0.0.0/8/9')).toBe("a CIDR block needs exactly one '/'");
    expect(parseCidr('10.0.0.0/x8')).toBe('the CIDR mask bits must be an integer');
    expect(parseCidr('10.0.0.0/8x')).toBe('the CIDR mask bits must be an integer');
    expect(parseCidr('10.0.0.0/-1')).toBe('the CIDR mask bits must not be negative');
    expect(parseCidr('10.0.0.300/8')).toBe('"10.0.0.300" is not a valid IP address');
    expect(parseCidr('10.0.0.0/32')).toBe('IPv4 mask bits must be below 32');
    expect(parseCidr('::/128')).toBe('IPv6 mask bits must be below 128');
  });
});

describe('inAddressRange', () => {
  const block = (cidr: string) => parseCidr(cidr) as Exclude<ReturnType<typeof parseCidr>, string>;
  const address = (text: string) => parseIpAddress(text) as Uint8Array;

  it('includes both ends of the range and nothing past them', () => {
    const tens = block('10.0.0.0/8');
    expect(inAddressRange(address('10.0.0.0'), tens)).toBe(true);
    expect(inAddressRange(address('10.255.255.255'), tens)).toBe(true);
    expect(inAddressRange(address('9.255.255.255'), tens)).toBe(false);
    expect(inAddressRange(address('11.0.0.0'), tens)).toBe(false);
  });

  it('never matches an address of the other family', () => {
    expect(inAddressRange(address('1.2.3.4'), block('::/0'))).toBe(false);
    expect(inAddressRange(address('::1'), block('0.0.0.0/0'))).toBe(false);
  });
});
