import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const notifications = pgTable(
  'notifications',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    recipient: text('recipient').notNull(),
    source: text('source').notNull(),
    kind: text('kind').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    title: text('title').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
    dispatchedAt: ts('dispatched_at'),
    dispatchLeaseUntil: ts('dispatch_lease_until'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
