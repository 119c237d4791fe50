import { describe, expect, it } from 'vitest';
import { compileEventPattern, matchesEventPattern } from '../compile.js';

describe('structure', () => {
  it('requires every field (AND) and any value of a field (OR)', () => {
    const pattern = { source: ['aws.ec2'], detail: { state: ['running', 'stopped'] } };
    expect(matchesEventPattern(pattern, { source: 'aws.ec2', detail: { state: 'stopped' } })).toBe(
      true,
    );
    expect(matchesEventPattern(pattern, { source: 'aws.s3', detail: { state: 'stopped' } })).toBe(
      false,
    );
    expect(matchesEventPattern(pattern, { source: 'aws.ec2' })).toBe(false);
  });

  it('does not look inside strings that hold JSON', () => {
    expect(matchesEventPattern({ detail: { k: ['v'] } }, { detail: '{"k": "v"}' })).toBe(false);
  });

  it('joins nested and dotted keys alike, in the pattern and in the event', () => {
    expect(matchesEventPattern({ detail: { 'a.b': ['x'] } }, { detail: { a: { b: 'x' } } })).toBe(
      true,
    );
    expect(matchesEventPattern({ detail: { a: { b: ['x'] } } }, { detail: { 'a.b': 'x' } })).toBe(
      true,
    );
    expect(matchesEventPattern({ 'a.b.c': ['x'] }, { a: { 'b.c': 'x' } })).toBe(true);
    expect(matchesEventPattern({ 'a.b': ['x'] }, { a: { c: 'x' } })).toBe(false);
  });

  it('$or matches when any alternative does, combined with the other fields', () => {
    const match = compileEventPattern({
      source: ['app'],
      detail: { $or: [{ a: [{ numeric: ['>', 5] }] }, { b: ['yes'], c: [{ exists: true }] }] },
    });
    expect(match({ source: 'app', detail: { a: 6 } })).toBe(true);
    expect(match({ source: 'app', detail: { b: 'yes', c: 0 } })).toBe(true);
    expect(match({ source: 'app', detail: { b: 'yes' } })).toBe(false);
    expect(match({ source: 'other', detail: { a: 6 } })).toBe(false);
  });

  it('nests $or inside $or', () => {
    const match = compileEventPattern({
      $or: [{ a: ['1'] }, { b: ['2'], $or: [{ c: ['3'] }, { d: ['4'] }] }],
    });
    expect(match({ b: '2', d: '4' })).toBe(true);
    expect(match({ b: '2' })).toBe(false);
    expect(match({ a: '1' })).toBe(true);
  });
});

describe('arrays in events', () => {
  it('match when any element matches', () => {
    expect(matchesEventPattern({ resources: ['b', 'z'] }, { resources: ['a', 'b'] })).toBe(true);
    expect(matchesEventPattern({ resources: ['z'] }, { resources: ['a', 'b'] })).toBe(false);
    expect(matchesEventPattern({ n: [{ numeric: ['>', 5] }] }, { n: [1, [2, [9]]] })).toBe(true);
  });

  it('look into arrays of objects', () => {
    const event = {
      detail: {
        items: [
          { sku: 'a', qty: 1 },
          { sku: 'b', qty: 5 },
        ],
      },
    };
    expect(matchesEventPattern({ detail: { items: { sku: ['b'] } } }, event)).toBe(true);
    expect(matchesEventPattern({ detail: { items: { id: [{ exists: true }] } } }, event)).toBe(
      false,
    );
  });

  it('take fields of one match from the same array element', () => {
    const event = {
      employees: [
        { firstName: 'John', lastName: 'Doe' },
        { firstName: 'Anna', lastName: 'Smith' },
        { firstName: 'Peter', lastName: 'Jones' },
      ],
    };
    const same = { employees: { firstName: ['Anna'], lastName: ['Smith'] } };
    const mixed = { employees: { firstName: ['Anna'], lastName: ['Jones'] } };
    expect(matchesEventPattern(same, event)).toBe(true);
    expect(matchesEventPattern(mixed, event)).toBe(false);
  });

  it('treat an empty array as no value', () => {
    expect(matchesEventPattern({ r: [null] }, { r: [] })).toBe(false);
    expect(matchesEventPattern({ r: [{ 'anything-but': 'x' }] }, { r: [] })).toBe(false);
  });
});

describe('pattern text', () => {
  it('gives the same answers when the same text is matched again', () => {
    const text = '{"detail": {"n": [{"numeric": [">", 1]}]}}';
    expect(matchesEventPattern(text, { detail: { n: 2 } })).toBe(true);
    expect(matchesEventPattern(text, { detail: { n: 0 } })).toBe(false);
    expect(matchesEventPattern(text, { detail: { n: 2 } })).toBe(true);
  });

  it('rejects invalid text every time', () => {
    const text = '{"detail": {"n": []}}';
    expect(() => matchesEventPattern(text, {})).toThrow(/empty-array/);
    expect(() => matchesEventPattern(text, {})).toThrow(/empty-array/);
  });
});
