import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from './types.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const jobs = pgTable(
  'jobs',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    state: text('state').notNull().$type<'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'>(),
    input: jsonb('input').notNull(),
    actor: jsonb('actor').notNull(),
    createdBy: text('created_by').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    done: bigint('done', { mode: 'number' }).notNull().default(0),
    total: bigint('total', { mode: 'number' }),
    phase: text('phase'),
    result: jsonb('result'),
    error: jsonb('error'),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    scheduleId: uuid('schedule_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    heartbeatAt: ts('heartbeat_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('jobs_by_creator').on(t.tenantId, t.createdBy, t.createdAt),
  ],
);

export const jobSchedules = pgTable(
  'job_schedules',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    cron: text('cron').notNull(),
    input: jsonb('input').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    nextAt: ts('next_at').notNull(),
    lastAt: ts('last_at'),
    lastJobId: uuid('last_job_id'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique().on(t.tenantId, t.key)],
);

export const jobFiles = pgTable(
  'job_files',
  {
    tenantId: uuid('tenant_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    content: bytea('content').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
