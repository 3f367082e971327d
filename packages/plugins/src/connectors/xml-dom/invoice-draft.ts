import type {
  AllowanceCharge,
  BankAccountRef,
  InvoiceLine,
  InvoiceRecord,
  Party,
  Position,
  TaxBreakdown,
} from '@hexiao/plugins/sdk';
import type { Decimal } from '@hexiao/dsl';

type WithAmounts<T, K extends keyof T> = Omit<T, K> & { [P in K]: Decimal };
type WithOptionalAmounts<T, K extends keyof T> = Omit<T, K> & { [P in K]?: Decimal };

export type DraftLine = WithOptionalAmounts<
  WithAmounts<InvoiceLine, 'netAmount'>,
  'quantity' | 'unitPrice' | 'taxRate'
>;
export type DraftAllowanceCharge = WithOptionalAmounts<WithAmounts<AllowanceCharge, 'amount'>, 'taxRate'>;
export type DraftTax = WithOptionalAmounts<WithAmounts<TaxBreakdown, 'taxableAmount' | 'taxAmount'>, 'rate'>;

/** Signed totals exactly as the document states them; absent ones are derived by the checks. */
export interface DraftTotals {
  lineTotal?: Decimal;
  allowanceTotal?: Decimal;
  chargeTotal?: Decimal;
  taxExclusive?: Decimal;
  tax?: Decimal;
  taxInclusive?: Decimal;
  prepaid?: Decimal;
  rounding?: Decimal;
  payable?: Decimal;
}

/** An invoice as read from UBL or CII, amounts signed as written, before checks and sign normalisation. */
export interface InvoiceDraft {
  typeCode: string;
  number: string;
  issueDate: string;
  dueDate?: string;
  taxPointDate?: string;
  currency: string;
  taxCurrency?: string;
  taxTotalInTaxCurrency?: Decimal;
  seller: Party;
  buyer: Party;
  payee?: Party;
  lines: DraftLine[];
  allowancesCharges: DraftAllowanceCharge[];
  taxes: DraftTax[];
  totals: DraftTotals;
  paymentTerms?: string;
  paymentMeans?: { code?: string; paymentId?: string; accounts?: BankAccountRef[] };
  orderReference?: string;
  salesOrderReference?: string;
  contractReference?: string;
  buyerReference?: string;
  projectReference?: string;
  precedingInvoices?: { number: string; issueDate?: string }[];
  note?: string[];
  position: Position;
}

export type { InvoiceRecord };
