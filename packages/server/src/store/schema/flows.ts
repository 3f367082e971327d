import {
  boolean,
  char,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const flowInstances = pgTable(
  'flow_instances',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    requestId: uuid('request_id').notNull(),
    flowKey: text('flow_key').notNull(),
    flowVersion: integer('flow_version').notNull(),
    flowHash: text('flow_hash').notNull(),
    status: text('status').notNull(),
    round: integer('round').notNull(),
    requestedBy: text('requested_by').notNull(),
    data: jsonb('data').notNull(),
    dataHash: char('data_hash', { length: 64 }).notNull(),
    state: jsonb('state').notNull(),
    version: integer('version').notNull().default(1),
    eventCount: integer('event_count').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique().on(t.tenantId, t.requestId)],
);

export const flowTasks = pgTable(
  'flow_tasks',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    instanceId: uuid('instance_id').notNull(),
    activation: text('activation').notNull(),
    step: text('step').notNull(),
    round: integer('round').notNull(),
    slot: integer('slot').notNull(),
    assignee: text('assignee').notNull(),
    onBehalfOf: text('on_behalf_of'),
    origin: text('origin').notNull(),
    status: text('status').notNull(),
    createdAt: ts('created_at').notNull(),
    dueAt: ts('due_at'),
    remindAt: ts('remind_at'),
    escalateAt: ts('escalate_at'),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
    closedBy: jsonb('closed_by'),
    reminded: boolean('reminded').notNull().default(false),
    escalated: boolean('escalated').notNull().default(false),
    returnedTo: text('returned_to'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const flowEvents = pgTable(
  'flow_events',
  {
    tenantId: uuid('tenant_id').notNull(),
    instanceId: uuid('instance_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    round: integer('round').notNull(),
    step: text('step'),
    taskId: uuid('task_id'),
    actor: text('actor'),
    onBehalfOf: text('on_behalf_of'),
    detail: jsonb('detail'),
    guards: jsonb('guards'),
    flowVersion: integer('flow_version').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.instanceId, t.seq] })],
);

export const flowComments = pgTable(
  'flow_comments',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    instanceId: uuid('instance_id').notNull(),
    taskId: uuid('task_id'),
    round: integer('round').notNull(),
    author: text('author').notNull(),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const flowDue = pgTable(
  'flow_due',
  {
    tenantId: uuid('tenant_id').notNull(),
    taskId: uuid('task_id').notNull(),
    instanceId: uuid('instance_id').notNull(),
    level: text('level').notNull(),
    dueAt: ts('due_at').notNull(),
    firedAt: ts('fired_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.taskId, t.level] })],
);

export const flowDelegations = pgTable(
  'flow_delegations',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    fromUser: uuid('from_user').notNull(),
    toUser: uuid('to_user').notNull(),
    starts: date('starts', { mode: 'string' }).notNull(),
    ends: date('ends', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
