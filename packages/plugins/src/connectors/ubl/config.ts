export interface UblConfig {
  /** How a 384 corrected invoice is booked (default 'credit-note'). */
  corrections?: 'credit-note' | 'invoice';
  /** Largest accepted file in bytes (default 100 MB). */
  maxBytes?: number;
}

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
    maxBytes: { type: 'integer', minimum: 1, title: 'Largest accepted file (bytes)' },
  },
} as const;
