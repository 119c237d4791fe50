import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './compile.js';
import { InvalidEventPatternError } from './errors.js';
import { toEventPattern } from './to-event-pattern.js';

describe('toEventPattern', () => {
  it('turns an exact event type into a detail-type value', () => {
    expect(toEventPattern('user.created')).toEqual({ 'detail-type': ['user.created'] });
  });

  it('turns a trailing * into a prefix filter', () => {
    const pattern = toEventPattern('user.*');
    expect(pattern).toEqual({ 'detail-type': [{ prefix: 'user.' }] });
    expect(matchesEventPattern(pattern, { 'detail-type': 'user.created' })).toBe(true);
    expect(matchesEventPattern(pattern, { 'detail-type': 'order.created' })).toBe(false);
  });

  it('turns any other * into a wildcard filter', () => {
    expect(toEventPattern('*.created')).toEqual({ 'detail-type': [{ wildcard: '*.created' }] });
    expect(toEventPattern('*')).toEqual({ 'detail-type': [{ wildcard: '*' }] });
    const pattern = toEventPattern('user.*.v2');
    expect(matchesEventPattern(pattern, { 'detail-type': 'user.created.v2' })).toBe(true);
    expect(matchesEventPattern(pattern, { 'detail-type': 'user.created.v1' })).toBe(false);
  });

  it('merges a list of types into one detail-type list', () => {
    expect(toEventPattern(['user.created', 'order.*', 'user.created', '*.deleted'])).toEqual({
      'detail-type': ['user.created', { prefix: 'order.' }, { wildcard: '*.deleted' }],
    });
  });

  it('checks and returns a full pattern as given', () => {
    const pattern = { source: ['app'], detail: { amount: [{ numeric: ['>', 10] }] } };
    expect(toEventPattern(pattern)).toBe(pattern);
    expect(toEventPattern('{"source": ["app"]}')).toEqual({ source: ['app'] });
  });

  it('rejects what EventBridge would reject', () => {
    expect(() => toEventPattern([])).toThrow(InvalidEventPatternError);
    expect(() => toEventPattern('')).toThrow(InvalidEventPatternError);
    expect(() => toEventPattern('user.**')).toThrow(InvalidEventPatternError);
    expect(() => toEventPattern({ source: 'app' } as never)).toThrow(InvalidEventPatternError);
  });
});
