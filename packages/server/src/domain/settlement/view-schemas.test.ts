import type { FromSchema } from 'json-schema-to-ts';
import { expect, expectTypeOf, it } from 'vitest';
import { createAjv } from '../../schema/ajv.ts';
import type { getSettlementView, listSettlementViews } from './queries.ts';
import { postedSettlementSchema, settlementPageSchema, settlementViewSchema } from './view-schemas.ts';

// The settlements the queries build fit the schemas OpenAPI documents (and every API test checks at run time).
type View = Awaited<ReturnType<typeof getSettlementView>>;
expectTypeOf<View>().toMatchTypeOf<FromSchema<typeof settlementViewSchema>>();
expectTypeOf<keyof View>().toEqualTypeOf<keyof FromSchema<typeof settlementViewSchema>>();
expectTypeOf<Awaited<ReturnType<typeof listSettlementViews>>>().toMatchTypeOf<
  FromSchema<typeof settlementPageSchema>
>();

it('the schemas compile under strict JSON Schema 2020-12', () => {
  for (const schema of [settlementViewSchema, settlementPageSchema, postedSettlementSchema])
    expect(() => createAjv({ strict: true }).compile(schema)).not.toThrow();
});
