import type { FromSchema } from 'json-schema-to-ts';
import { expect, expectTypeOf, it } from 'vitest';
import { createAjv } from '../../schema/ajv.ts';
import { roleListSchema, roleViewSchema, type RoleView } from './roles.ts';

// The role view has the fields of the schema OpenAPI documents (every API test checks their values at run time;
// a data scope is a JsonLogic rule, which the schema leaves as an object).
expectTypeOf<Omit<RoleView, 'dataScope'>>().toMatchTypeOf<Omit<FromSchema<typeof roleViewSchema>, 'dataScope'>>();
expectTypeOf<keyof RoleView>().toEqualTypeOf<keyof FromSchema<typeof roleViewSchema>>();

it('the role schemas compile under strict JSON Schema 2020-12', () => {
  for (const schema of [roleViewSchema, roleListSchema])
    expect(() => createAjv({ strict: true }).compile(schema)).not.toThrow();
});
