export type LocalText = string | { zh?: string; en?: string };

/** The `form` kind's document (the server's meta-schema, schemas/form.schema.json, is the source of truth). */
export interface FormDoc {
  action: string;
  flow?: string;
  title?: LocalText;
  description?: string;
  schema: { type: 'object'; properties: Record<string, Record<string, unknown>>; required?: string[] };
  uiSchema?: Record<string, unknown>;
  prefill?: Record<string, unknown>;
  conditions?: Record<string, { show?: unknown; require?: unknown }>;
  attachments?: { label: string; title?: LocalText; required?: unknown }[];
}

export const formActions = [
  'bad-debt-write-off',
  'small-balance-write-off',
  'debt-transfer',
  'settlement-override',
  'credit-limit-change',
] as const;
