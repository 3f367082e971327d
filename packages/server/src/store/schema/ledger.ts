import {
  bigint,
  char,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { businessDate, money, rate } from './types.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

export const accountingPeriods = pgTable(
  'accounting_periods',
  {
    tenantId: uuid('tenant_id').notNull(),
    period: text('period').notNull(),
    startsOn: businessDate('starts_on').notNull(),
    endsOn: businessDate('ends_on').notNull(),
    status: text('status').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    closedBy: text('closed_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.period] })],
);

export const voucherCounters = pgTable(
  'voucher_counters',
  {
    tenantId: uuid('tenant_id').notNull(),
    period: text('period').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.period] })],
);

export const fxRates = pgTable(
  'fx_rates',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    rateDate: businessDate('rate_date').notNull(),
    fromCurrency: char('from_currency', { length: 3 }).notNull(),
    toCurrency: char('to_currency', { length: 3 }).notNull(),
    rateType: text('rate_type').notNull(),
    rate: rate('rate').notNull(),
    source: text('source'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const companyBankAccounts = pgTable(
  'company_bank_accounts',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    iban: text('iban'),
    accountNumber: text('account_number'),
    bankName: text('bank_name'),
    bic: text('bic'),
    currency: char('currency', { length: 3 }).notNull(),
    glAccount: text('gl_account').notNull(),
    status: text('status').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const vouchers = pgTable(
  'vouchers',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    period: text('period').notNull(),
    /** null only inside the transaction that inserted it: numbered at the latest at commit (migration 0028). */
    number: integer('number'),
    voucherDate: businessDate('voucher_date').notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id').notNull(),
    description: text('description').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    total: money('total').notNull(),
    mappingKey: text('mapping_key').notNull(),
    mappingVersion: integer('mapping_version').notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    /** From a sequence at insert: the order a transaction's vouchers are numbered in. */
    insertOrder: bigint('insert_order', { mode: 'number' }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const voucherLines = pgTable(
  'voucher_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    voucherId: uuid('voucher_id').notNull(),
    lineNo: integer('line_no').notNull(),
    accountCode: text('account_code').notNull(),
    accountName: text('account_name').notNull(),
    debit: money('debit').notNull(),
    credit: money('credit').notNull(),
    currency: char('currency', { length: 3 }),
    amountCurrency: money('amount_currency'),
    customerId: uuid('customer_id'),
    documentId: uuid('document_id'),
    memo: text('memo'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.voucherId, t.lineNo] })],
);

export const ledgerDocuments = pgTable(
  'ledger_documents',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    docType: text('doc_type').notNull(),
    adjustmentKind: text('adjustment_kind'),
    receivableType: text('receivable_type').notNull(),
    side: text('side').notNull(),
    number: text('number').notNull(),
    customerId: uuid('customer_id'),
    bankAccountId: uuid('bank_account_id'),
    currency: char('currency', { length: 3 }).notNull(),
    amount: money('amount').notNull(),
    taxAmount: money('tax_amount').notNull(),
    fxRate: rate('fx_rate').notNull(),
    baseAmount: money('base_amount').notNull(),
    baseTaxAmount: money('base_tax_amount').notNull(),
    documentDate: businessDate('document_date').notNull(),
    postingDate: businessDate('posting_date').notNull(),
    valueDate: businessDate('value_date'),
    dueDate: businessDate('due_date'),
    period: text('period').notNull(),
    clearingAccount: text('clearing_account').notNull(),
    reversesId: uuid('reverses_id'),
    orderRef: text('order_ref'),
    deliveryRef: text('delivery_ref'),
    reference: text('reference'),
    description: text('description'),
    reason: text('reason'),
    objectType: text('object_type'),
    objectTypeVersion: integer('object_type_version'),
    custom: jsonb('custom').notNull(),
    voucherId: uuid('voucher_id').notNull(),
    writeOffKind: text('write_off_kind'),
    relatedId: uuid('related_id'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const openItems = pgTable(
  'open_items',
  {
    tenantId: uuid('tenant_id').notNull(),
    documentId: uuid('document_id').notNull(),
    customerId: uuid('customer_id'),
    side: text('side').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    amount: money('amount').notNull(),
    openAmount: money('open_amount').notNull(),
    baseAmount: money('base_amount').notNull(),
    openBaseAmount: money('open_base_amount').notNull(),
    dueDate: businessDate('due_date'),
    status: text('status').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.documentId] })],
);

export const settlements = pgTable(
  'settlements',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    customerId: uuid('customer_id'),
    postingDate: businessDate('posting_date').notNull(),
    period: text('period').notNull(),
    reversesId: uuid('reverses_id'),
    reason: text('reason'),
    voucherId: uuid('voucher_id'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const settlementLines = pgTable(
  'settlement_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    settlementId: uuid('settlement_id').notNull(),
    lineNo: integer('line_no').notNull(),
    debitDocumentId: uuid('debit_document_id').notNull(),
    creditDocumentId: uuid('credit_document_id').notNull(),
    sign: smallint('sign').notNull(),
    debitAmount: money('debit_amount').notNull(),
    creditAmount: money('credit_amount').notNull(),
    debitBaseAmount: money('debit_base_amount').notNull(),
    creditBaseAmount: money('credit_base_amount').notNull(),
    fxDifference: money('fx_difference').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.settlementId, t.lineNo] })],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: uuid('tenant_id').notNull(),
    route: text('route').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.route, t.key] })],
);
