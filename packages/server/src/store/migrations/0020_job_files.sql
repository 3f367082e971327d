-- Files waiting for their job (an upload an import job will read): kept in the database, so that any worker
-- on any machine can read them, and deleted when the job has used them.
CREATE TABLE job_files (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id),
  id           uuid NOT NULL,
  name         text NOT NULL,
  content_type text NOT NULL,
  size         bigint NOT NULL CHECK (size >= 0),
  content      bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
SELECT hexiao_enable_rls('job_files');
