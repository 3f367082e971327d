import type { ConfigOf } from '@hexiao/plugins/sdk';
import { columnsSchema, formatProperties } from '../master-csv/index.ts';

/** The default header of each field: an ERP customer-master export with these headers needs no mapping. */
export const customerColumns = {
  code: 'code',
  name: 'name',
  taxId: 'tax_id',
  iban: 'iban',
  accountNumber: 'account_number',
  parentCode: 'parent_code',
  region: 'region',
  salesOwner: 'sales_owner',
  billingEmail: 'billing_email',
  currency: 'currency',
  paymentTermsDays: 'payment_terms_days',
} as const;

export type CustomerField = keyof typeof customerColumns;

export const customersCsvConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...formatProperties,
    columns: columnsSchema(customerColumns),
    accountSeparator: {
      type: 'string',
      minLength: 1,
      maxLength: 3,
      default: ';',
      description: 'Separates several payer accounts in one cell.',
    },
  },
} as const;

export type CustomersCsvConfig = ConfigOf<typeof customersCsvConfigSchema>;
