import { describe, expect, it } from 'vitest';
import { checkTenantSchema, compileTenantSchema, maxTenantSchemas, tenantSchemaCacheSize } from './tenant-schemas.ts';

describe('tenant schemas', () => {
  it('are cached by content: the same schema compiles once, however many objects carry it', () => {
    const fn = compileTenantSchema({ type: 'object', properties: { n: { type: 'integer' } } });
    expect(compileTenantSchema({ type: 'object', properties: { n: { type: 'integer' } } })).toBe(fn);
  });

  it(`hold at most ${maxTenantSchemas} compiled schemas, however many distinct ones are validated`, () => {
    for (let i = 0; i < maxTenantSchemas + 20; i++)
      expect(checkTenantSchema({ type: 'string', maxLength: i }, 'x'.repeat(i + 1), '/v')).toEqual([
        { pointer: '/v', reason: `must NOT have more than ${i} characters` },
      ]);
    expect(tenantSchemaCacheSize()).toBe(maxTenantSchemas);
  }, 120_000);

  it('share no $id registry: two schemas may carry the same $id, and neither resolves the other', () => {
    const id = 'https://example.test/shared';
    expect(checkTenantSchema({ $id: id, enum: ['one'] }, 'one')).toEqual([]);
    expect(checkTenantSchema({ $id: id, enum: ['two'] }, 'two')).toEqual([]);
    expect(() => compileTenantSchema({ properties: { x: { $ref: id } } })).toThrow(/resolve/);
  });
});
