import {
  bigint,
  boolean,
  char,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { bankAmount, businessDate } from './types.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const importFiles = pgTable(
  'import_files',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    sha256: char('sha256', { length: 64 }).notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    storedPath: text('stored_path'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique().on(t.tenantId, t.sha256)],
);

export const imports = pgTable(
  'imports',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    connector: text('connector').notNull(),
    connectorVersion: text('connector_version').notNull(),
    configKey: text('config_key'),
    configVersion: integer('config_version'),
    fileIds: uuid('file_ids').array().notNull(),
    status: text('status').notNull(),
    report: jsonb('report').notNull(),
    createdBy: text('created_by').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const bankStatements = pgTable(
  'bank_statements',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    sourceKey: text('source_key').notNull(),
    importId: uuid('import_id').notNull(),
    fileId: uuid('file_id').notNull(),
    position: jsonb('position').notNull(),
    accountKey: text('account_key').notNull(),
    bankAccountId: uuid('bank_account_id'),
    statementId: text('statement_id').notNull(),
    sequence: text('sequence'),
    fromDate: businessDate('from_date'),
    toDate: businessDate('to_date'),
    currency: char('currency', { length: 3 }),
    openingBalance: bankAmount('opening_balance'),
    closingBalance: bankAmount('closing_balance'),
    gap: boolean('gap').notNull(),
    warnings: jsonb('warnings').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique().on(t.tenantId, t.sourceKey)],
);

export const bankLines = pgTable(
  'bank_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    sourceKey: text('source_key').notNull(),
    importId: uuid('import_id').notNull(),
    fileId: uuid('file_id').notNull(),
    posIndex: integer('pos_index').notNull(),
    posLine: integer('pos_line'),
    posXpath: text('pos_xpath'),
    statementKey: text('statement_key'),
    accountKey: text('account_key').notNull(),
    bankAccountId: uuid('bank_account_id'),
    bookingDate: businessDate('booking_date').notNull(),
    valueDate: businessDate('value_date'),
    amount: bankAmount('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    direction: text('direction').notNull(),
    reversal: boolean('reversal').notNull(),
    endToEndId: text('end_to_end_id'),
    bankReference: text('bank_reference'),
    customerReference: text('customer_reference'),
    creditorReference: text('creditor_reference'),
    counterpartyName: text('counterparty_name'),
    counterpartyAccount: text('counterparty_account'),
    remittance: text('remittance'),
    transactionCode: text('transaction_code'),
    extra: jsonb('extra'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique().on(t.tenantId, t.sourceKey)],
);

export const importDocuments = pgTable(
  'import_documents',
  {
    tenantId: uuid('tenant_id').notNull(),
    sourceType: text('source_type').notNull(),
    sourceKey: text('source_key').notNull(),
    role: text('role').notNull(),
    documentId: uuid('document_id').notNull(),
    importId: uuid('import_id').notNull(),
    fileId: uuid('file_id').notNull(),
    position: jsonb('position').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sourceType, t.sourceKey, t.role] })],
);
