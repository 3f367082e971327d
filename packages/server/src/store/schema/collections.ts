import { char, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { businessDate, money } from './types.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const paymentPromises = pgTable(
  'payment_promises',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    documentId: uuid('document_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    promisedDate: businessDate('promised_date').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    amount: money('amount').notNull(),
    openAtPromise: money('open_at_promise').notNull(),
    madeOn: businessDate('made_on').notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const promiseOutcomes = pgTable(
  'promise_outcomes',
  {
    tenantId: uuid('tenant_id').notNull(),
    promiseId: uuid('promise_id').notNull(),
    outcome: text('outcome', { enum: ['kept', 'broken', 'cancelled'] }).notNull(),
    asOf: businessDate('as_of').notNull(),
    paid: money('paid').notNull(),
    reason: text('reason'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.promiseId] })],
);

export const disputes = pgTable(
  'disputes',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    documentId: uuid('document_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    category: text('category').notNull(),
    reason: text('reason').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    amount: money('amount'),
    openedOn: businessDate('opened_on').notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const disputeResolutions = pgTable(
  'dispute_resolutions',
  {
    tenantId: uuid('tenant_id').notNull(),
    disputeId: uuid('dispute_id').notNull(),
    resolution: text('resolution').notNull(),
    resolvedOn: businessDate('resolved_on').notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.disputeId] })],
);
