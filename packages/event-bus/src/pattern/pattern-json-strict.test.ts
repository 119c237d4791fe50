import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError } from './errors.js';
import { JsonObjectEntries, readPatternJson } from './pattern-json.js';

/** The reader's output as JSON.parse would give it (objects back to plain objects). */
function plain(value: unknown): unknown {
  if (value instanceof JsonObjectEntries) {
    return Object.fromEntries(value.entries.map(([key, item]) => [key, plain(item)]));
  }
  return Array.isArray(value) ? value.map(plain) : value;
}

function failure(text: string): string {
  try {
    readPatternJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    const { path, rule, detail } = error as InvalidEventPatternError;
    expect({ path, rule }).toEqual({ path: '', rule: 'json-syntax' });
    return detail;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('readPatternJson reads what JSON.parse reads', () => {
  const samples: string[] = [
    '{}',
    '[]',
    ' \t\r\n{ "a" :\r\n[ 1 ,\t2 ] }\n',
    '{"a": {}, "b": [[]], "c": [{}]}',
    '[0, -0, 7, -12, 1.25, -0.5, 6.02e23, 1E+100, 2e-7, 31e10]',
    '[true, false, null]',
    '["\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u00e9\\u20AC", "tab\\tand\\nnew"]',
    '{"emoji": "\\ud83d\\ude00", "plain": "caf\u00e9 \u20ac"}',
  ];

  it.each(samples)('%s', (text) => {
    expect(plain(readPatternJson(text))).toEqual(JSON.parse(text));
  });

  it('reads each escape to its character', () => {
    expect(readPatternJson('"\\"\\\\\\/\\b\\f\\n\\r\\t"')).toBe('"\\/\b\f\n\r\t');
    expect(readPatternJson('"a\\u0041b"')).toBe('aAb');
  });

  it('reads every digit of fractions and exponents', () => {
    expect(readPatternJson('1.25')).toBe(1.25);
    expect(readPatternJson('1e+100')).toBe(1e100);
    expect(readPatternJson('-3E-12')).toBe(-3e-12);
    expect(readPatternJson('[false]')).toEqual([false]);
  });
});

describe('readPatternJson refuses what JSON.parse refuses, saying what and where', () => {
  const prefix = 'the pattern is not valid JSON:';

  it.each([
    ['', 'unexpected end at character 0'],
    ['{"a": x}', 'unexpected "x" at character 6'],
    ['{"a": tru}', 'unexpected "t" at character 6'],
    ['{"a": [1 2]}', 'expected "," or "]" at character 10'],
    ['{"a": [1,]}', 'unexpected "]" at character 9'],
    ['{"a": 1 "b": 2}', 'expected "," or "}" at character 9'],
    ['{a: 1}', 'expected a quoted key at character 1'],
    ['{"a" 1}', 'expected ":" at character 6'],
    ['{"a": "\\x"}', 'bad escape at character 7'],
    ['{"a": "\\u12g4"}', 'bad \\u escape at character 7'],
    ['"\\', 'bad escape at character 1'],
    ['"a\u001fb"', 'control character in string at character 2'],
    ['"open', 'unterminated string at character 5'],
    ['{"a": [1]} x', 'unexpected text after the pattern at character 11'],
    ['{"a": [01]}', 'expected "," or "]" at character 9'],
  ])('%j', (text, what) => {
    expect(failure(text)).toBe(`${prefix} ${what}`);
  });

  it('accepts a space, which is not a control character, inside strings', () => {
    expect(readPatternJson('" a "')).toBe(' a ');
  });
});
