import type { FromSchema } from 'json-schema-to-ts';
import { expect, expectTypeOf, it } from 'vitest';
import { createAjv } from '../../schema/ajv.ts';
import type { DocumentView, VoucherView } from './views.ts';
import {
  documentDetailSchema,
  documentPageSchema,
  postedDocumentSchema,
  voucherPageSchema,
  type documentViewSchema,
  type voucherViewSchema,
} from './view-schemas.ts';
import type { getDocumentDetail, listDocumentViews, listVoucherViews } from './queries.ts';

// The views the ledger answers fit the schemas OpenAPI documents (and every API test checks at run time):
// a field added to a view without its schema, or typed otherwise, fails `pnpm typecheck`.
expectTypeOf<DocumentView>().toMatchTypeOf<FromSchema<typeof documentViewSchema>>();
expectTypeOf<VoucherView>().toMatchTypeOf<FromSchema<typeof voucherViewSchema>>();
expectTypeOf<Awaited<ReturnType<typeof getDocumentDetail>>>().toMatchTypeOf<FromSchema<typeof documentDetailSchema>>();
expectTypeOf<Awaited<ReturnType<typeof listDocumentViews>>>().toMatchTypeOf<FromSchema<typeof documentPageSchema>>();
expectTypeOf<Awaited<ReturnType<typeof listVoucherViews>>>().toMatchTypeOf<FromSchema<typeof voucherPageSchema>>();
expectTypeOf<keyof DocumentView>().toEqualTypeOf<keyof FromSchema<typeof documentViewSchema>>();
expectTypeOf<keyof VoucherView>().toEqualTypeOf<keyof FromSchema<typeof voucherViewSchema>>();

it('the schemas compile under strict JSON Schema 2020-12 (no unknown keyword or format)', () => {
  for (const schema of [postedDocumentSchema, documentPageSchema, documentDetailSchema, voucherPageSchema])
    expect(() => createAjv({ strict: true }).compile(schema)).not.toThrow();
});
