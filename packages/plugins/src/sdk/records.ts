/**
 * Canonical records: what every connector yields, whatever the file format. Each type is derived from its JSON
 * Schema in schemas.ts (the one source of truth; the conventions and field descriptions are there).
 */
import type { FromSchema } from 'json-schema-to-ts';
import type {
  allowanceChargeSchema,
  balanceSchema,
  bankAccountRefSchema,
  bankLineSchema,
  counterpartySchema,
  customerSchema,
  fxRateSchema,
  invoiceLineSchema,
  invoiceSchema,
  invoiceTotalsSchema,
  moneySchema,
  openInvoiceSchema,
  orderLineSchema,
  orderSchema,
  partySchema,
  positionSchema,
  rejectionSchema,
  statementSchema,
  taxBreakdownSchema,
} from './schemas.ts';

/** A decimal string (`"1234.50"`), never a JavaScript number. */
export type Decimal = string;
/** `YYYY-MM-DD`. */
export type IsoDate = string;

export type Position = FromSchema<typeof positionSchema>;
export type Money = FromSchema<typeof moneySchema>;
export type BankAccountRef = FromSchema<typeof bankAccountRefSchema>;
export type Balance = FromSchema<typeof balanceSchema>;
export type StatementRecord = FromSchema<typeof statementSchema>;
export type Counterparty = FromSchema<typeof counterpartySchema>;
export type BankLineRecord = FromSchema<typeof bankLineSchema>;
export type Party = FromSchema<typeof partySchema>;
export type TaxBreakdown = FromSchema<typeof taxBreakdownSchema>;
export type AllowanceCharge = FromSchema<typeof allowanceChargeSchema>;
export type InvoiceLine = FromSchema<typeof invoiceLineSchema>;
export type InvoiceTotals = FromSchema<typeof invoiceTotalsSchema>;
export type InvoiceRecord = FromSchema<typeof invoiceSchema>;
export type OrderLine = FromSchema<typeof orderLineSchema>;
export type OrderRecord = FromSchema<typeof orderSchema>;
export type CustomerRecord = FromSchema<typeof customerSchema>;
export type OpenInvoiceRecord = FromSchema<typeof openInvoiceSchema>;
export type FxRateRecord = FromSchema<typeof fxRateSchema>;

export type CanonicalRecord =
  StatementRecord | BankLineRecord | InvoiceRecord | OrderRecord | CustomerRecord | OpenInvoiceRecord | FxRateRecord;

export type Rejection = FromSchema<typeof rejectionSchema>;

export type ParseOutput = CanonicalRecord | Rejection;

export const isRejection = (x: ParseOutput): x is Rejection => typeof x === 'object' && x !== null && 'rejected' in x;
