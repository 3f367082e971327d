import { Ajv } from 'ajv';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { builtInConnectors } from '../index.ts';
import type { Bai2Config } from '../connectors/bai2/parse.ts';
import type { CsvBankConfig } from '../connectors/csv-bank/config.ts';
import type { CustomersCsvConfig } from '../connectors/customers-csv/config.ts';
import type { OrdersCsvConfig } from '../connectors/orders-csv/config.ts';
import type { OrdersJsonConfig } from '../connectors/orders-json/config.ts';
import type { UblConfig } from '../connectors/ubl/config.ts';

// Each config type is derived from its connector's configSchema: these fail `pnpm typecheck` if a field's type is lost.
expectTypeOf<UblConfig>().toEqualTypeOf<{ corrections?: 'credit-note' | 'invoice'; maxBytes?: number }>();
expectTypeOf<Bai2Config['typeDirections']>().toEqualTypeOf<{ [code: string]: 'credit' | 'debit' } | undefined>();
expectTypeOf<OrdersCsvConfig['layout']>().toEqualTypeOf<'orders' | 'lines' | undefined>();
expectTypeOf<OrdersCsvConfig['columns']['orderNumber']>().toEqualTypeOf<string | number>();
expectTypeOf<OrdersJsonConfig['fields']['orderDate']>().toEqualTypeOf<string>();
expectTypeOf<CustomersCsvConfig['columns']>().toEqualTypeOf<
  | {
      code?: string | number;
      name?: string | number;
      taxId?: string | number;
      iban?: string | number;
      accountNumber?: string | number;
      parentCode?: string | number;
      region?: string | number;
      salesOwner?: string | number;
      billingEmail?: string | number;
      currency?: string | number;
      paymentTermsDays?: string | number;
    }
  | undefined
>();
// a resolved csv-bank config always names the booking date column
expectTypeOf<CsvBankConfig['columns']['bookingDate']>().toMatchTypeOf<string | number | (string | number)[]>();
expectTypeOf<{ amount: 'Amount' }>().not.toMatchTypeOf<CsvBankConfig['columns']>();

describe('connector configs', () => {
  it('every built-in config schema refuses an option it does not declare (a typo is an error, not ignored)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    for (const c of builtInConnectors) {
      const validate = ajv.compile(c.configSchema);
      validate({ maxByte: 10 });
      expect(validate.errors?.find((e) => e.keyword === 'additionalProperties')?.params, c.id).toEqual({
        additionalProperty: 'maxByte',
      });
    }
  });
});
