import type { ConfigOf } from '@hexiao/plugins/sdk';
import { columnsSchema, formatProperties } from '../master-csv/index.ts';

/** The default header of each field: a bank's or central bank's published rates. */
export const rateColumns = { date: 'date', from: 'from', to: 'to', rate: 'rate' } as const;

export type RateField = keyof typeof rateColumns;

export const fxRatesCsvConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...formatProperties,
    columns: columnsSchema(rateColumns),
    to: {
      type: 'string',
      pattern: '^[A-Z]{3}$',
      description:
        "Quote currency when the file has no `to` column (e.g. a central bank's rates against its own currency).",
    },
  },
} as const;

export type FxRatesCsvConfig = ConfigOf<typeof fxRatesCsvConfigSchema>;
