import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const matchingRuns = pgTable(
  'matching_runs',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    ruleSetKey: text('rule_set_key').notNull(),
    ruleSetVersion: integer('rule_set_version').notNull(),
    ruleSetHash: text('rule_set_hash').notNull(),
    scope: jsonb('scope').notNull(),
    counts: jsonb('counts').notNull(),
    summary: jsonb('summary').notNull(),
    createdBy: text('created_by').notNull(),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const matchingDecisions = pgTable(
  'matching_decisions',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    runId: uuid('run_id').notNull(),
    receiptId: uuid('receipt_id').notNull(),
    outcome: text('outcome').notNull(),
    status: text('status').notNull(),
    ruleSetKey: text('rule_set_key').notNull(),
    ruleSetVersion: integer('rule_set_version').notNull(),
    rule: text('rule'),
    stage: text('stage'),
    score: integer('score').notNull(),
    customerId: uuid('customer_id'),
    detail: jsonb('detail').notNull(),
    settlementId: uuid('settlement_id'),
    duplicateOf: uuid('duplicate_of'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const receiptAssignments = pgTable(
  'receipt_assignments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    receiptId: uuid('receipt_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    reason: text('reason').notNull(),
    assignedBy: text('assigned_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
