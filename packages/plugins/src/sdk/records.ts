/**
 * Canonical records: what every connector yields, whatever the file format.
 *
 * Conventions (a contract with the server's import pipeline):
 * - Amounts are decimal strings (`"1234.50"`), never JavaScript numbers. Document amounts are positive
 *   and carry a direction or document kind; only balances are signed (`"-12.00"`).
 * - Dates are `YYYY-MM-DD` strings; timestamps (rarely needed) are ISO 8601 strings.
 * - Currencies are ISO 4217 alphabetic codes.
 * - `sourceKey` is the stable identity that survives re-delivery of the same booking in another file or
 *   format (see each record type). `position` is provenance: where in the file the record came from.
 */

export type Decimal = string;
export type IsoDate = string;

export interface Position {
  /** 0-based ordinal of the record within the file (entries, invoices, rows…). */
  index: number;
  /** 1-based line number where the record starts, for line-oriented formats. */
  line?: number;
  /** XPath-like location for XML formats, e.g. `/Document/BkToCstmrStmt/Stmt[1]/Ntry[3]`. */
  xpath?: string;
}

export interface Money {
  amount: Decimal;
  currency: string;
}

export interface BankAccountRef {
  iban?: string;
  /** Domestic or proprietary account number when there is no IBAN. */
  number?: string;
  bic?: string;
  currency?: string;
  name?: string;
}

export interface Balance {
  /** Signed decimal: negative means a debit balance (overdraft). */
  amount: Decimal;
  currency: string;
  date?: IsoDate;
  /** e.g. OPBD, CLBD, PRCD, ITBD, CLAV for camt; 'opening' / 'closing' where the format has no code. */
  code?: string;
}

export interface StatementRecord {
  type: 'statement';
  /** company account + statement id (+ sequence): provenance for the lines, not their identity. */
  sourceKey: string;
  account: BankAccountRef;
  statementId: string;
  sequence?: string;
  createdAt?: string;
  fromDate?: IsoDate;
  toDate?: IsoDate;
  openingBalance?: Balance;
  closingBalance?: Balance;
  /** Other balances reported by the bank (available, interim…). */
  balances?: Balance[];
  /** Count and sums declared by the file itself, when it has them (camt TxsSummry, BAI2 trailers…). */
  declared?: { count?: number; credits?: Decimal; debits?: Decimal };
  /** Non-fatal findings, e.g. opening + movements ≠ closing. */
  warnings?: string[];
  position: Position;
}

export interface Counterparty {
  name?: string;
  account?: BankAccountRef;
  /** Organisation or private id given by the bank (e.g. creditor id, tax id). */
  id?: string;
  address?: string;
}

export interface BankLineRecord {
  type: 'bank-line';
  /**
   * Stable identity: `<company account>|<bank entry reference>` (camt AcctSvcrRef, MT940 :61: bank
   * reference, BAI2 bank reference), else `<company account>|<end-to-end id>|<booking date>|<amount>|<C|D>|<ordinal>`.
   */
  sourceKey: string;
  /** sourceKey of the statement (or notification) the line came in. */
  statementKey?: string;
  account: BankAccountRef;
  bookingDate: IsoDate;
  valueDate?: IsoDate;
  /** Positive amount in the account currency. */
  amount: Decimal;
  currency: string;
  /** credit = money in (becomes a receipt), debit = money out (stays a bank line). */
  direction: 'credit' | 'debit';
  /** True for returns and reversals (camt RvslInd/RtrInf, MT940 RC/RD or /RTRN/, BAI2 return codes). */
  reversal?: boolean;
  /** Reason and original reference for returns, when the bank gives them. */
  returnInfo?: { reason?: string; originalReference?: string; originalEndToEndId?: string };
  /** Booked, pending… when the format says. */
  status?: string;
  counterparty?: Counterparty;
  endToEndId?: string;
  /** The bank's own reference for the entry (AcctSvcrRef, :61: bank reference, BAI2 bank ref). */
  bankReference?: string;
  /** The customer reference (MT940 :61: customer ref, camt InstrId/TxId). */
  customerReference?: string;
  /** Structured creditor reference (ISO 11649 RF…, or a national one such as QRR/ESR). */
  creditorReference?: string;
  /** Free remittance text, one string per line/field as given. */
  remittance?: string[];
  /** Bank transaction code (camt BkTxCd domain/family/subfamily or proprietary, MT940 GVC, BAI2 type code). */
  transactionCode?: string;
  /** Bank or PSP charges on this line (a PSP export's fee becomes a fee adjustment). */
  charges?: Money[];
  /** Amount the original instruction carried when it differs (camt AmtDtls/InstdAmt), e.g. foreign currency. */
  instructedAmount?: Money;
  /** What the connector had to assume to read this line (a missing type code, a date taken from the statement…). */
  warnings?: string[];
  /** The line as the bank wrote it, kept for the audit trail when it was read with an assumption. */
  raw?: string;
  /** 0-based ordinal of this line within its statement: used in the fallback sourceKey. */
  ordinal: number;
  position: Position;
}

export interface Party {
  name?: string;
  /** Tax / VAT registration id (BT-31, BT-48…). */
  taxId?: string;
  /** Legal registration id (company number…). */
  legalId?: string;
  /** Electronic address, e.g. Peppol endpoint id with its scheme `0088:5790000435975`. */
  endpointId?: string;
  /** Global Location Number when given. */
  gln?: string;
  /** Other identifiers as given, `scheme:value`. */
  ids?: string[];
  address?: { lines?: string[]; city?: string; postalCode?: string; countryCode?: string };
  bankAccounts?: BankAccountRef[];
}

export interface TaxBreakdown {
  category?: string;
  /** Percent as a decimal string, e.g. "25". */
  rate?: Decimal;
  taxableAmount: Decimal;
  taxAmount: Decimal;
  exemptionReason?: string;
}

export interface AllowanceCharge {
  /** true = charge (adds), false = allowance (subtracts). */
  charge: boolean;
  amount: Decimal;
  reason?: string;
  reasonCode?: string;
  taxCategory?: string;
  taxRate?: Decimal;
}

export interface InvoiceLine {
  id: string;
  description?: string;
  quantity?: Decimal;
  unitCode?: string;
  unitPrice?: Decimal;
  /** Line net amount (after line allowances/charges). */
  netAmount: Decimal;
  taxCategory?: string;
  taxRate?: Decimal;
  orderLineReference?: string;
}

export interface InvoiceTotals {
  lineTotal: Decimal;
  allowanceTotal?: Decimal;
  chargeTotal?: Decimal;
  taxExclusive: Decimal;
  tax: Decimal;
  taxInclusive: Decimal;
  prepaid?: Decimal;
  rounding?: Decimal;
  /** Amount due: what the receivable is booked for. */
  payable: Decimal;
}

export interface InvoiceRecord {
  type: 'invoice';
  /** invoice → financial receivable; credit-note → credit document (381, 384-as-credit, negative 380). */
  documentKind: 'invoice' | 'credit-note';
  /** The document's own type code (UNTDID 1001: 380, 381, 384, 389…). */
  typeCode: string;
  /** `<seller tax id or id>|<number>|<documentKind>`. */
  sourceKey: string;
  number: string;
  issueDate: IsoDate;
  dueDate?: IsoDate;
  taxPointDate?: IsoDate;
  currency: string;
  /** Tax currency when it differs (BT-6), with the tax total in it. */
  taxCurrency?: string;
  taxTotalInTaxCurrency?: Decimal;
  seller: Party;
  buyer: Party;
  payee?: Party;
  /** All amounts are positive for the document kind (a negative 380 is turned into a credit note). */
  lines: InvoiceLine[];
  allowancesCharges: AllowanceCharge[];
  taxes: TaxBreakdown[];
  totals: InvoiceTotals;
  paymentTerms?: string;
  paymentMeans?: { code?: string; paymentId?: string; accounts?: BankAccountRef[] };
  orderReference?: string;
  salesOrderReference?: string;
  contractReference?: string;
  buyerReference?: string;
  projectReference?: string;
  /** For credit notes and corrections: the invoice(s) this document corrects (BT-25). */
  precedingInvoices?: { number: string; issueDate?: IsoDate }[];
  note?: string[];
  position: Position;
}

export interface OrderLine {
  id: string;
  description?: string;
  quantity?: Decimal;
  unitCode?: string;
  unitPrice?: Decimal;
  netAmount: Decimal;
  itemId?: string;
}

export interface OrderRecord {
  type: 'order';
  /** order → estimated receivable at order date; delivery → at shipment date. */
  orderKind: 'order' | 'delivery';
  /** `<seller id or 'self'>|<buyer id>|<order number>|<orderKind>`. */
  sourceKey: string;
  number: string;
  orderDate: IsoDate;
  shipmentDate?: IsoDate;
  requestedDeliveryDate?: IsoDate;
  currency: string;
  buyer: Party;
  seller?: Party;
  lines: OrderLine[];
  /** Total the estimated receivable is booked for (tax-inclusive when the document says, else line total). */
  totalAmount: Decimal;
  taxAmount?: Decimal;
  paymentTerms?: string;
  contractReference?: string;
  note?: string[];
  position: Position;
}

/**
 * A customer from an ERP's customer master (customers-csv). The import creates it, or updates the customer
 * with the same code; payer accounts of an existing customer change only through the two-person bank-account change.
 */
export interface CustomerRecord {
  type: 'customer';
  /** The customer code: the identity in the tenant. */
  sourceKey: string;
  code: string;
  name: string;
  taxId?: string;
  /** Payer accounts (IBAN or domestic number) the customer pays from. */
  bankAccounts?: BankAccountRef[];
  /** Code of the group customer that pays for this one. */
  parentCode?: string;
  region?: string;
  salesOwner?: string;
  currency?: string;
  paymentTermsDays?: number;
  position: Position;
}

/**
 * An invoice still open in the old system (invoices-csv): booked as an invoice of the named customer; when only
 * part of it is open, the rest is settled against the opening-balance clearing account.
 */
export interface OpenInvoiceRecord {
  type: 'open-invoice';
  /** The invoice number: an invoice number is booked once. */
  sourceKey: string;
  number: string;
  customerCode: string;
  currency: string;
  /** The invoice total. */
  amount: Decimal;
  /** The part still open, when less than the total. */
  openAmount?: Decimal;
  issueDate: IsoDate;
  dueDate?: IsoDate;
  /** Days after the issue date, when the export has terms instead of a due date. */
  paymentTermsDays?: number;
  /** Base-currency units per unit of `currency`, as the ERP booked it. */
  fxRate?: Decimal;
  orderReference?: string;
  reference?: string;
  position: Position;
}

/** A published exchange rate: one unit of `from` is `rate` units of `to` on `date` (fx-rates-csv). */
export interface FxRateRecord {
  type: 'fx-rate';
  /** `<date>|<from>|<to>`. */
  sourceKey: string;
  date: IsoDate;
  from: string;
  to: string;
  rate: Decimal;
  position: Position;
}

export type CanonicalRecord =
  StatementRecord | BankLineRecord | InvoiceRecord | OrderRecord | CustomerRecord | OpenInvoiceRecord | FxRateRecord;

export interface Rejection {
  rejected: { position: Position; reason: string; field?: string };
}

export type ParseOutput = CanonicalRecord | Rejection;

export const isRejection = (x: ParseOutput): x is Rejection => typeof x === 'object' && x !== null && 'rejected' in x;
