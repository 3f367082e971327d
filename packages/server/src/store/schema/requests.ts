import { bigint, char, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './types.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const requests = pgTable(
  'requests',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    number: text('number').notNull(),
    formKey: text('form_key').notNull(),
    formVersion: integer('form_version').notNull(),
    formHash: text('form_hash').notNull(),
    action: text('action').notNull(),
    flowKey: text('flow_key'),
    customerId: uuid('customer_id'),
    data: jsonb('data').notNull(),
    subject: jsonb('subject').notNull(),
    subjectHash: char('subject_hash', { length: 64 }).notNull(),
    revision: integer('revision').notNull().default(1),
    requestedBy: text('requested_by').notNull(),
    requestedByName: text('requested_by_name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique().on(t.tenantId, t.number)],
);

export const requestRevisions = pgTable(
  'request_revisions',
  {
    tenantId: uuid('tenant_id').notNull(),
    requestId: uuid('request_id').notNull(),
    revision: integer('revision').notNull(),
    data: jsonb('data').notNull(),
    subject: jsonb('subject').notNull(),
    subjectHash: char('subject_hash', { length: 64 }).notNull(),
    revisedBy: text('revised_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.requestId, t.revision] })],
);

export const requestActions = pgTable(
  'request_actions',
  {
    tenantId: uuid('tenant_id').notNull(),
    effectKey: text('effect_key').notNull(),
    requestId: uuid('request_id').notNull(),
    action: text('action').notNull(),
    input: jsonb('input').notNull(),
    result: jsonb('result').notNull(),
    performedBy: text('performed_by').notNull(),
    performedAt: ts('performed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.effectKey] }), unique().on(t.tenantId, t.requestId)],
);

export const attachments = pgTable(
  'attachments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    requestId: uuid('request_id'),
    label: text('label').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: char('sha256', { length: 64 }).notNull(),
    content: bytea('content'),
    storedPath: text('stored_path'),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
