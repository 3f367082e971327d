import type { FromSchema } from 'json-schema-to-ts';

/** A column by header name (first match; `name#2` for a repeated name) or 0-based index; a list means "first non-empty". */
const columnRef = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'integer', minimum: 0 },
    {
      type: 'array',
      minItems: 1,
      items: {
        anyOf: [
          { type: 'string', minLength: 1 },
          { type: 'integer', minimum: 0 },
        ],
      },
    },
  ],
} as const;

const columnsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    bookingDate: columnRef,
    valueDate: columnRef,
    amount: {
      ...columnRef,
      description: 'Signed amount (see sign); debit + credit instead when the file has two columns.',
    },
    debit: columnRef,
    credit: columnRef,
    sign: {
      ...columnRef,
      description: 'Column telling the direction when amounts are unsigned (values in creditValues / debitValues).',
    },
    currency: columnRef,
    fee: {
      anyOf: [columnRef, { type: 'array', items: columnRef }],
      description: 'PSP fee(s) on the row: summed (absolute values) into charges.',
    },
    counterpartyName: columnRef,
    counterpartyAccount: columnRef,
    counterpartyId: columnRef,
    bankReference: columnRef,
    customerReference: columnRef,
    endToEndId: columnRef,
    creditorReference: columnRef,
    remittance: {
      type: 'array',
      items: columnRef,
      description: 'Free-text columns; every non-empty value becomes one remittance line.',
    },
    transactionCode: columnRef,
    status: columnRef,
  },
} as const;

/** The connector's config as a tenant writes it (and the designer renders it): its types come from this schema. */
export const csvBankConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    preset: {
      enum: ['paypal', 'stripe', 'adyen', 'generic'],
      title: 'Preset',
      description: 'Start from a preset (its settings are merged under these).',
    },
    delimiter: { type: 'string', minLength: 1, maxLength: 1, default: ',', title: 'Delimiter' },
    quote: { type: 'string', maxLength: 1, default: '"' },
    encoding: {
      type: 'string',
      default: 'auto',
      title: 'Encoding',
      description: "'auto' (UTF-8), 'gbk', 'gb18030', 'cp1252', 'latin1'…",
    },
    skipLines: {
      type: 'integer',
      minimum: 0,
      default: 0,
      title: 'Lines before the header',
      description: 'Lines before the header (bank metadata).',
    },
    header: {
      type: 'boolean',
      default: true,
      title: 'Header row',
      description: 'false when the file has no header row (columns are then indexes).',
    },
    columns: columnsSchema,
    dateFormat: {
      type: 'string',
      default: 'YYYY-MM-DD',
      title: 'Date format',
      description: 'Tokens YYYY YY MM M DD D, e.g. DD/MM/YYYY; anything after the date (a time) is ignored.',
    },
    valueDateFormat: { type: 'string' },
    decimalSeparator: { enum: ['.', ','], default: '.' },
    thousandsSeparator: { enum: ['', ',', '.', ' ', "'"], default: '' },
    signConvention: {
      enum: ['negative-is-debit', 'negative-is-credit'],
      default: 'negative-is-debit',
      description: 'How a signed amount maps to a direction.',
    },
    creditValues: { type: 'array', items: { type: 'string' } },
    debitValues: { type: 'array', items: { type: 'string' } },
    currency: {
      type: 'string',
      pattern: '^[A-Za-z]{3}$',
      description: 'Currency when there is no currency column.',
    },
    account: {
      type: 'object',
      additionalProperties: false,
      description: "The company account the file is for (PSP balance, bank account). Rows' currency is added.",
      properties: {
        iban: { type: 'string' },
        number: { type: 'string' },
        bic: { type: 'string' },
        name: { type: 'string' },
      },
    },
    ignoreRowsMatching: {
      type: 'string',
      title: 'Ignore rows matching (regular expression)',
      description: 'Rows whose joined cells match this regular expression are not transactions (totals, balances).',
    },
    debitColumns: {
      ...columnsSchema,
      title: 'Column overrides for debit rows',
      description: "Column overrides for debit rows (e.g. the payee's e-mail instead of the payer's).",
    },
  },
  anyOf: [{ required: ['columns'] }, { required: ['preset'] }],
} as const;

export type ColumnRef = FromSchema<typeof columnRef>;
type ColumnsInput = FromSchema<typeof columnsSchema>;
/** The columns once a preset is merged in: the booking date is always named. */
export type CsvColumns = ColumnsInput & { bookingDate: ColumnRef };
type ConfigInput = FromSchema<typeof csvBankConfigSchema, { keepDefaultedPropertiesOptional: true }>;
/** A config as a tenant writes it (schema-valid): a preset, columns, or both. */
export type CsvBankConfigInput = ConfigInput;
/** A config with its preset merged in (`resolveConfig`): what the parser reads. */
export type CsvBankConfig = Omit<ConfigInput, 'columns'> & { columns: CsvColumns };

export type CsvPresetName = NonNullable<CsvBankConfig['preset']>;

/**
 * Presets for payment-service exports: each row is the gross movement; the PSP fee goes to `charges`,
 * which the import pipeline books as a fee adjustment.
 */
export const csvPresets: Record<CsvPresetName, Omit<CsvBankConfig, 'preset'>> = {
  /** PayPal "Activity" download (English headers). */
  paypal: {
    delimiter: ',',
    dateFormat: 'DD/MM/YYYY',
    thousandsSeparator: ',',
    account: { number: 'PAYPAL' },
    columns: {
      bookingDate: 'Date',
      amount: 'Gross',
      fee: 'Fee',
      currency: 'Currency',
      counterpartyName: 'Name',
      counterpartyId: 'From Email Address',
      bankReference: 'Transaction ID',
      customerReference: 'Invoice Number',
      endToEndId: 'Reference Txn ID',
      remittance: ['Subject', 'Note', 'Item Title'],
      transactionCode: 'Type',
      status: 'Status',
    },
    debitColumns: { counterpartyId: 'To Email Address' },
  },
  /** Stripe balance-transactions export. */
  stripe: {
    delimiter: ',',
    dateFormat: 'YYYY-MM-DD',
    account: { number: 'STRIPE' },
    columns: {
      bookingDate: ['created_utc', 'Created (UTC)', 'created'],
      valueDate: ['available_on_utc', 'Available On (UTC)', 'available_on'],
      amount: ['gross', 'amount'],
      fee: 'fee',
      currency: 'currency',
      bankReference: ['balance_transaction_id', 'id'],
      customerReference: ['source_id', 'source'],
      remittance: ['description'],
      transactionCode: ['reporting_category', 'Reporting Category', 'type'],
    },
  },
  /** Adyen "Settlement details report". */
  adyen: {
    delimiter: ',',
    dateFormat: 'YYYY-MM-DD',
    account: { number: 'ADYEN' },
    columns: {
      bookingDate: ['Booking Date', 'Creation Date'],
      credit: ['Gross Credit (GC)', 'Net Credit (NC)'],
      debit: ['Gross Debit (GC)', 'Net Debit (NC)'],
      currency: ['Gross Currency', 'Net Currency'],
      fee: ['Commission (NC)', 'Markup (NC)', 'Scheme Fees (NC)', 'Interchange (NC)'],
      bankReference: 'Modification Reference',
      endToEndId: 'Psp Reference',
      customerReference: 'Merchant Reference',
      remittance: ['Payment Method', 'Modification Merchant Reference'],
      transactionCode: 'Type',
    },
  },
  /** A plain bank export: Date, Amount, Currency, Description, Reference (ISO dates, '.' decimals). */
  generic: {
    delimiter: ',',
    dateFormat: 'YYYY-MM-DD',
    columns: {
      bookingDate: 'Date',
      valueDate: 'Value Date',
      amount: 'Amount',
      currency: 'Currency',
      counterpartyName: 'Counterparty',
      counterpartyAccount: 'Counterparty Account',
      bankReference: 'Reference',
      remittance: ['Description'],
    },
  },
};

/** The preset (if any) under the given config; `columns` are merged field by field. */
export function resolveConfig(config: Partial<CsvBankConfig>): CsvBankConfig {
  const preset = config.preset ? csvPresets[config.preset] : undefined;
  const merged = { ...(preset ?? {}), ...config } as CsvBankConfig;
  merged.columns = { ...(preset?.columns ?? {}), ...(config.columns ?? {}) } as CsvColumns;
  if (preset?.debitColumns || config.debitColumns)
    merged.debitColumns = { ...(preset?.debitColumns ?? {}), ...(config.debitColumns ?? {}) };
  return merged;
}
