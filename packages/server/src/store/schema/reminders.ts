import { date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const reminders = pgTable(
  'reminders',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    documentId: uuid('document_id').notNull(),
    customerId: uuid('customer_id'),
    planKey: text('plan_key').notNull(),
    planVersion: integer('plan_version').notNull(),
    level: text('level').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    channel: text('channel').notNull(),
    recipients: integer('recipients').notNull(),
    subject: text('subject').notNull(),
    createdBy: text('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
