import { describe, expect, it } from 'vitest';
import { jsonObject } from './json-object.ts';

describe('jsonObject (the simulator reads its inputs with it)', () => {
  it('reads an object and leaves an empty text as no object', () => {
    expect(jsonObject('{"amount": "80000.00"}')).toEqual({ value: { amount: '80000.00' } });
    expect(jsonObject('  \n')).toEqual({});
  });

  it('refuses arrays, scalars, null and broken JSON with a reason', () => {
    for (const text of ['[]', '1', '"x"', 'null', '{"a":']) expect(jsonObject(text).error, text).toMatch(/.+/);
    expect(jsonObject('[1]').value).toBeUndefined();
  });
});
