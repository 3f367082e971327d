import { describe, expect, expectTypeOf, it } from 'vitest';
import { RouteTable, type BodyOf } from './route-table.ts';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 }, kind: { enum: ['a', 'b'] }, limit: { type: 'integer' } },
} as const;
const spec = { method: 'post', path: '/things', access: 'public', summary: 'a thing', body } as const;

// The handler's body type is the body schema's type: a route's body type cannot drift from what its validator checks.
expectTypeOf<BodyOf<typeof spec>>().toEqualTypeOf<{ name: string; kind?: 'a' | 'b'; limit?: number }>();
expectTypeOf<BodyOf<{ method: 'get'; path: '/'; access: 'public'; summary: '' }>>().toEqualTypeOf<undefined>();

describe('route bodies', () => {
  it("reach the handler validated, typed by the route's own schema", async () => {
    let seen: { name: string; kind?: 'a' | 'b' } | undefined;
    const table = new RouteTable().add(spec, (c, input) => {
      seen = input.body;
      // @ts-expect-error — the schema has no `size`: a handler cannot read a field the validator did not check
      void input.body.size;
      return c.json({ ok: true });
    });
    const call = (json: unknown) =>
      table.app.request('/things', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(json),
      });
    expect((await call({ name: 'x', kind: 'b' })).status).toBe(200);
    expect(seen).toEqual({ name: 'x', kind: 'b' });
    seen = undefined;
    table.app.onError((e, c) => c.json({ detail: e.message }, 422));
    const refused = await call({ name: 'x', size: 3 });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ detail: 'request body is invalid: /size is not a known field' });
    expect(seen).toBeUndefined();
  });
});
