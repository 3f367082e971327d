import { char, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { money } from './types.ts';

export const customers = pgTable(
  'customers',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    taxId: text('tax_id'),
    peppolId: text('peppol_id'),
    gln: text('gln'),
    region: text('region'),
    salesOwner: text('sales_owner'),
    billingEmail: text('billing_email'),
    parentId: uuid('parent_id'),
    currency: char('currency', { length: 3 }),
    paymentTermsDays: integer('payment_terms_days'),
    creditLimit: money('credit_limit'),
    objectType: text('object_type'),
    objectTypeVersion: integer('object_type_version'),
    custom: jsonb('custom').notNull(),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const customerBankAccounts = pgTable(
  'customer_bank_accounts',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    iban: text('iban'),
    accountNumber: text('account_number'),
    bankName: text('bank_name'),
    bic: text('bic'),
    holderName: text('holder_name'),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
