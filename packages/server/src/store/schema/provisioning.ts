import { char, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { businessDate, money } from './types.ts';

export const provisioningRuns = pgTable(
  'provisioning_runs',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    planKey: text('plan_key').notNull(),
    planVersion: integer('plan_version').notNull(),
    planHash: text('plan_hash').notNull(),
    asOf: businessDate('as_of').notNull(),
    postingDate: businessDate('posting_date').notNull(),
    mode: text('mode').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    items: integer('items').notNull(),
    required: money('required').notNull(),
    carried: money('carried').notNull(),
    topUp: money('top_up').notNull(),
    released: money('released').notNull(),
    voucherId: uuid('voucher_id'),
    summary: jsonb('summary').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const provisioningLines = pgTable(
  'provisioning_lines',
  {
    tenantId: uuid('tenant_id').notNull(),
    runId: uuid('run_id').notNull(),
    lineNo: integer('line_no').notNull(),
    customerId: uuid('customer_id'),
    items: integer('items').notNull(),
    openBase: money('open_base').notNull(),
    required: money('required').notNull(),
    carried: money('carried').notNull(),
    difference: money('difference').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.runId, t.lineNo] })],
);
