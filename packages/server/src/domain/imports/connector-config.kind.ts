import { defineDefinitionKind } from '../definitions/index.ts';
import { validateMapping, type FieldMapping } from './field-mapping.ts';

/** How an import treats what it cannot place; the connector's own settings live in `config`. */
export interface ImportOptions {
  /** A statement or line for a company bank account the tenant does not have: refuse it, or register the account. */
  unknownBankAccount?: 'reject' | 'register';
  /** An invoice or order buyer not found by tax id, Peppol endpoint id or GLN: refuse it, or create the customer. */
  unknownBuyer?: 'reject' | 'create';
  /** Tax ids of the tenant as a seller (invoices from another seller are refused); else tenant settings `taxIds`/`taxId`. */
  sellerTaxIds?: string[];
  /** Post a receipt for every new credit line ('post', default) or keep bank lines only ('none'). */
  receipts?: 'post' | 'none';
  /** GL account of a registered company bank account (default: the mapping's bank account). */
  bankGlAccount?: string;
  /** Run matching over the receipts the import posted: 'post' (a posting run), 'dry-run', or 'none' (default). */
  match?: 'none' | 'dry-run' | 'post';
}

export interface ConnectorConfigDocument {
  connector: string;
  config: Record<string, unknown>;
  /**
   * Field mapping into custom fields, per target object (`receivable` for invoices, credit notes and
   * orders; `receipt` for bank credit lines): each field a JSON pointer into the canonical record or a
   * JSON-Logic expression evaluated on it, e.g. `{ receivable: { poNumber: '/orderReference' } }`.
   */
  mapping?: Partial<Record<'receivable' | 'receipt', FieldMapping>>;
  options?: ImportOptions;
}

export const connectorConfigMetaSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['connector', 'config'],
  properties: {
    connector: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$', title: 'Connector id' },
    config: { type: 'object', title: "The connector's own settings (its configSchema)" },
    mapping: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        ['receivable', 'receipt'].map((k) => [
          k,
          {
            type: 'object',
            propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,63}$' },
            additionalProperties: { anyOf: [{ type: 'string' }, { type: 'object' }] },
          },
        ]),
      ),
    },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        unknownBankAccount: { enum: ['reject', 'register'] },
        unknownBuyer: { enum: ['reject', 'create'] },
        sellerTaxIds: { type: 'array', items: { type: 'string', minLength: 2, maxLength: 40 }, maxItems: 50 },
        receipts: { enum: ['post', 'none'] },
        bankGlAccount: { type: 'string', maxLength: 40 },
        match: { enum: ['none', 'dry-run', 'post'] },
      },
    },
  },
} as const;

export const connectorConfigKind = defineDefinitionKind<ConnectorConfigDocument>({
  kind: 'connector-config',
  title: 'Connector configuration',
  metaSchema: connectorConfigMetaSchema,
  validate: (doc) => validateMapping(doc.mapping as Record<string, FieldMapping> | undefined),
});
