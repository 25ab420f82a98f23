/** The edge's own limits (lib/validate): depth and size before any copy, and what a refusal may quote. */
import { AppError } from '../../cloudfunctions/lib/errors';
import * as z from 'zod';
import { checkEventShape, parseInput, shownName } from '../../cloudfunctions/lib/validate';
import { EVENT_LIMITS } from '../../types/errors';

/** `depth` objects and arrays inside each other, the event itself being the first. */
function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const codeOf = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : `not an AppError: ${String(e)}`;
  }
};

test('depth: 32 levels pass, 33 are INVALID_INPUT, a million levels are refused without recursion', () => {
  expect(EVENT_LIMITS.depth).toBe(32);
  expect(codeOf(() => checkEventShape(nested(32)))).toBeNull();
  expect(codeOf(() => checkEventShape(nested(33)))).toBe('INVALID_INPUT');
  expect(codeOf(() => checkEventShape(nested(1_000_000)))).toBe('INVALID_INPUT');
});

test('size: up to 2 MiB of JSON passes, more is PAYLOAD_TOO_LARGE, however it is made up', () => {
  expect(codeOf(() => checkEventShape({ photo: 'x'.repeat(EVENT_LIMITS.size - 100) }))).toBeNull();
  expect(codeOf(() => checkEventShape({ photo: 'x'.repeat(EVENT_LIMITS.size) }))).toBe('PAYLOAD_TOO_LARGE');
  expect(codeOf(() => checkEventShape({ many: new Array(300_000).fill(0) }))).toBe('PAYLOAD_TOO_LARGE');
  expect(codeOf(() => checkEventShape(Object.fromEntries(Array.from({ length: 60_000 }, (_x, i) => [`${i}`.padEnd(40, 'k'), 1]))))).toBe('PAYLOAD_TOO_LARGE');
});

test('text that is not well-formed (a lone surrogate) is INVALID_INPUT, in a value or a key', () => {
  expect(codeOf(() => checkEventShape({ text: '好\ud83d' }))).toBe('INVALID_INPUT');
  expect(codeOf(() => checkEventShape({ ['\udc00']: 1 }))).toBe('INVALID_INPUT');
  expect(codeOf(() => checkEventShape({ text: '好😀' }))).toBeNull();
});

test('a refusal names only the first unknown field, at most 32 characters, without markup', () => {
  const schema = z.strictObject({ name: z.string() });
  const message = (input: unknown) => {
    try {
      parseInput(schema, input);
      return '';
    } catch (e) {
      return (e as AppError).message;
    }
  };
  const long = message({ name: 'a', ['k'.repeat(100_000)]: 1, other: 2 });
  expect(long).toBe(`不允许的字段：「${'k'.repeat(32)}…」 等 2 个`);
  expect(message({ name: 'a', '<img src=x onerror=alert(1)>': 1 })).toBe('不允许的字段：「img src=x onerror=alert(1)」');
  expect(shownName('a"b\'c&d`e\u0000f')).toBe('abcdef');
});
