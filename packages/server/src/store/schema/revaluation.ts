import { char, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { businessDate, money, rate } from './types.ts';

export const fxRevaluations = pgTable(
  'fx_revaluations',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    period: text('period').notNull(),
    rateDate: businessDate('rate_date').notNull(),
    postingDate: businessDate('posting_date').notNull(),
    reversalDate: businessDate('reversal_date').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    items: integer('items').notNull(),
    gain: money('gain').notNull(),
    loss: money('loss').notNull(),
    rates: jsonb('rates').notNull(),
    voucherId: uuid('voucher_id'),
    reversalVoucherId: uuid('reversal_voucher_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const fxRevaluationLines = pgTable(
  'fx_revaluation_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    revaluationId: uuid('revaluation_id').notNull(),
    lineNo: integer('line_no').notNull(),
    documentId: uuid('document_id').notNull(),
    customerId: uuid('customer_id'),
    side: text('side').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    openAmount: money('open_amount').notNull(),
    openBase: money('open_base').notNull(),
    rate: rate('rate').notNull(),
    revaluedBase: money('revalued_base').notNull(),
    effect: money('effect').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.revaluationId, t.lineNo] })],
);
