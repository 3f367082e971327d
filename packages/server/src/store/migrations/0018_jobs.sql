-- Jobs: long work (imports, matching runs, provisioning runs, sweeps, housekeeping) as a record people can
-- follow: queued -> running (progress) -> succeeded / failed / cancelled. The queue that carries the work
-- (pg-boss on PostgreSQL, in-process on the embedded database) holds only the job's id; this row is the truth
-- the API shows. `actor` is who submitted it, as authenticated then: the job acts with that authority.
CREATE TABLE jobs (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id),
  id               uuid NOT NULL,
  kind             text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9.-]{0,63}$'),
  state            text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  input            jsonb NOT NULL,
  actor            jsonb NOT NULL,
  created_by       text NOT NULL,
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts     integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 20),
  done             bigint NOT NULL DEFAULT 0 CHECK (done >= 0),
  total            bigint CHECK (total >= 0),
  phase            text,
  result           jsonb,
  error            jsonb,
  cancel_requested boolean NOT NULL DEFAULT false,
  schedule_id      uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  heartbeat_at     timestamptz,
  finished_at      timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX jobs_by_creator ON jobs (tenant_id, created_by, created_at DESC);
CREATE INDEX jobs_unfinished ON jobs (tenant_id, state) WHERE state IN ('queued', 'running');
SELECT hexiao_enable_rls('jobs');

-- Schedules: a tenant's recurring jobs (nightly matching, daily reminders, housekeeping), each a cron
-- expression in the tenant's time zone. `next_at` moves forward by compare-and-set, so a schedule fires once
-- however many processes tick.
CREATE TABLE job_schedules (
  tenant_id   uuid NOT NULL REFERENCES tenants (tenant_id),
  id          uuid NOT NULL,
  key         text NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
  kind        text NOT NULL,
  cron        text NOT NULL,
  input       jsonb NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  next_at     timestamptz NOT NULL,
  last_at     timestamptz,
  last_job_id uuid,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, key)
);
SELECT hexiao_enable_rls('job_schedules');
