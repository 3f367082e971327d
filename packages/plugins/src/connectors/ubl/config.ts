import type { ConfigOf } from '@hexiao/plugins/sdk';

/** The config of the UBL and CII invoice connectors. */
export const invoiceConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    corrections: {
      type: 'string',
      enum: ['credit-note', 'invoice'],
      default: 'credit-note',
      title: 'Book a corrected invoice (type 384) as',
    },
    maxBytes: {
      type: 'integer',
      minimum: 1,
      title: 'Largest accepted file (bytes)',
      description: 'Default 100 MB.',
    },
  },
} as const;

export type UblConfig = ConfigOf<typeof invoiceConfigSchema>;
