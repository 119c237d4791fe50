import { describe, expect, it } from 'vitest';
import { md5OfBody, md5OfMessageAttributes } from './md5.js';

// Published reference digests for SQS message attributes (string, custom number, binary, mixed).
const text = { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } };
const number = {
  customNumberTypeAttrib: {
    DataType: 'Number.float',
    StringValue: '4563442423554324324264524243.32543234',
  },
};
const binary = {
  binaryAttribute: { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') },
};

describe('md5OfMessageAttributes', () => {
  it('matches AWS for a string attribute', () => {
    expect(md5OfMessageAttributes(text)).toBe('19e27d4e946b072f3f58da80d94fd778');
  });
  it('matches AWS for a custom number type', () => {
    expect(md5OfMessageAttributes(number)).toBe('9fe1b90bbd9965bdf77bac517c7d2495');
  });
  it('matches AWS for a binary attribute', () => {
    expect(md5OfMessageAttributes(binary)).toBe('31a92b15d92f8db860eda32aceb656c3');
  });
  it('sorts attributes by name, whatever order they come in', () => {
    expect(md5OfMessageAttributes({ ...binary, ...number, ...text })).toBe(
      'c932db14a896c663f83c260297d594ff',
    );
  });
  it('is absent without attributes', () => {
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });
});

describe('md5OfBody', () => {
  it('hashes the UTF-8 bytes of the body', () => {
    expect(md5OfBody('hello')).toBe('5d41402abc4b2a76b9719d911017c592');
    // 'é' is C3 A9 in UTF-8; its Latin-1 byte E9 would hash differently.
    expect(md5OfBody('é')).toBe('66ddcd97cfdeabb2f6fb8a999b4bc76f');
  });
});
