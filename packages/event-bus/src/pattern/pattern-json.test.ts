import { describe, expect, it } from 'vitest';
import { matchesEventPattern } from './compile.js';
import { InvalidEventPatternError } from './errors.js';
import { JsonObjectEntries, readPatternJson } from './pattern-json.js';

describe('readPatternJson', () => {
  it('keeps every key in order, repeated ones included', () => {
    const read = readPatternJson(
      '{"a": [1], "b": {"c": "x\\u00e9\\n"}, "a": [true, null, -1.5e2]}',
    );
    expect(read).toBeInstanceOf(JsonObjectEntries);
    const entries = (read as JsonObjectEntries).entries;
    expect(entries.map(([key]) => key)).toEqual(['a', 'b', 'a']);
    const [, nested, repeated] = entries.map(([, value]) => value);
    expect(repeated).toEqual([true, null, -150]);
    expect(nested).toBeInstanceOf(JsonObjectEntries);
    expect((nested as JsonObjectEntries).entries).toEqual([['c', 'xé\n']]);
  });

  it('rejects text that is not strict JSON', () => {
    for (const text of ['{"a": [1,]}', "{'a': [1]}", '{"a": [1]} x', '{"a": [01]}', '{"a"']) {
      expect(() => readPatternJson(text)).toThrow(InvalidEventPatternError);
    }
  });
});

describe('repeated keys in pattern text', () => {
  const event = { detail: { location: 'eu-central-1', zone: 'a' } };

  it('let the later value list of the same field win', () => {
    const text =
      '{"detail": {"location": [{"prefix": "us-"}], "location": [{"anything-but": "us-east"}]}}';
    expect(matchesEventPattern(text, event)).toBe(true);
    const reversed =
      '{"detail": {"location": [{"anything-but": "us-east"}], "location": [{"prefix": "us-"}]}}';
    expect(matchesEventPattern(reversed, event)).toBe(false);
  });

  it('keep the fields of both when a repeated key holds different fields', () => {
    const text = '{"detail": {"location": ["eu-central-1"]}, "detail": {"zone": ["b"]}}';
    expect(matchesEventPattern(text, { detail: { location: 'eu-central-1', zone: 'b' } })).toBe(
      true,
    );
    // Reading only the last "detail" would accept this event; both fields apply, so it fails.
    expect(matchesEventPattern(text, { detail: { location: 'us-west-2', zone: 'b' } })).toBe(false);
  });
});
