import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { businessDate, money } from './types.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const creditScores = pgTable(
  'credit_scores',
  {
    tenantId: uuid('tenant_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    asOf: businessDate('as_of').notNull(),
    score: integer('score').notNull(),
    grade: text('grade').notNull(),
    exposure: money('exposure').notNull(),
    overdue: money('overdue').notNull(),
    creditLimit: money('credit_limit'),
    metrics: jsonb('metrics').notNull(),
    policyKey: text('policy_key'),
    policyVersion: integer('policy_version'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId, t.asOf] })],
);

export const creditDigests = pgTable(
  'credit_digests',
  {
    tenantId: uuid('tenant_id').notNull(),
    weekOf: businessDate('week_of').notNull(),
    customers: integer('customers').notNull(),
    recipients: integer('recipients').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.weekOf] })],
);
