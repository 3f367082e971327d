import type { ConfigOf } from '@hexiao/plugins/sdk';

const columnRef = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'integer', minimum: 0 },
  ],
} as const;

/** Where a field comes from: a header name, or a 0-based column index. */
export type ColumnRef = ConfigOf<typeof columnRef>;

export const formatProperties = {
  delimiter: { type: 'string', minLength: 1, maxLength: 1, default: ',' },
  quote: { type: 'string', maxLength: 1, default: '"' },
  encoding: { type: 'string', default: 'utf-8' },
  skipLines: { type: 'integer', minimum: 0, default: 0 },
  header: { type: 'boolean', default: true },
  nullValues: { type: 'array', items: { type: 'string' }, default: [] },
  dateFormat: {
    type: 'string',
    default: 'YYYY-MM-DD',
    description: "e.g. 'YYYY-MM-DD', 'DD.MM.YYYY', 'MM/DD/YYYY', 'YYYYMMDD'; a trailing time is ignored.",
  },
  decimalSeparator: { type: 'string', enum: ['.', ','], default: '.' },
  thousandsSeparator: { type: 'string', enum: ['', ',', '.', ' ', "'"], default: '' },
  maxBytes: { type: 'integer', minimum: 1 },
} as const;

/** The file format options every master-data CSV connector takes (the same as orders-csv's). */
export type MasterCsvFormat = ConfigOf<{
  type: 'object';
  additionalProperties: false;
  properties: typeof formatProperties;
}>;

/** The `columns` object of a config schema: each field a header name or index, defaulting to `defaults`. */
export function columnsSchema<const F extends Record<string, string>>(defaults: F) {
  return {
    type: 'object',
    description:
      'Where each field comes from: a header name or a 0-based column index; unset fields use the default header.',
    properties: Object.fromEntries(
      Object.entries(defaults).map(([field, header]) => [field, { ...columnRef, default: header }]),
    ) as { [K in keyof F]: typeof columnRef & { readonly default: F[K] } },
    additionalProperties: false,
  } as const;
}
