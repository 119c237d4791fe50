import { invalidPattern } from '../errors.js';
import { inAddressRange, parseCidr, parseIpAddress } from '../values/ip-address.js';
import { type LeafCondition, stringOperand, valueTest } from './condition.js';

/** `{ cidr: '10.0.0.0/24' }` (IPv4 or IPv6): a string holding an address inside the block. */
export function cidrCondition(operand: unknown, at: string): LeafCondition {
  const range = parseCidr(stringOperand(operand, at, 'cidr'));
  if (typeof range === 'string') return invalidPattern(at, 'cidr-syntax', range);
  return valueTest((actual) => {
    if (typeof actual !== 'string') return false;
    const address = parseIpAddress(actual);
    return address !== undefined && inAddressRange(address, range);
  });
}
