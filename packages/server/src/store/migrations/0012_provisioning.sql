-- Provisioning runs: the allowance a published provision plan requires as of a date, per customer, against the
-- allowance carried; the difference posted as one voucher (top-up or release). One run per (plan version, as of):
-- running it again posts nothing. Insert-only.
CREATE TABLE provisioning_runs (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  plan_key       text NOT NULL,
  plan_version   integer NOT NULL CHECK (plan_version > 0),
  plan_hash      text NOT NULL,
  as_of          date NOT NULL,
  posting_date   date NOT NULL,
  mode           text NOT NULL CHECK (mode IN ('allowance', 'direct-write-off')),
  currency       char(3) NOT NULL,
  items          integer NOT NULL CHECK (items >= 0),
  required       numeric(20, 4) NOT NULL,
  carried        numeric(20, 4) NOT NULL,
  top_up         numeric(20, 4) NOT NULL CHECK (top_up >= 0),
  released       numeric(20, 4) NOT NULL CHECK (released >= 0),
  voucher_id     uuid,
  summary        jsonb NOT NULL,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, plan_key, plan_version, as_of),
  FOREIGN KEY (tenant_id, voucher_id) REFERENCES vouchers (tenant_id, id)
);
CREATE TRIGGER provisioning_runs_append_only BEFORE UPDATE OR DELETE ON provisioning_runs
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('provisioning_runs');

CREATE TABLE provisioning_lines (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  run_id         uuid NOT NULL,
  line_no        integer NOT NULL CHECK (line_no > 0),
  customer_id    uuid,
  items          integer NOT NULL CHECK (items >= 0),
  open_base      numeric(20, 4) NOT NULL,
  required       numeric(20, 4) NOT NULL,
  carried        numeric(20, 4) NOT NULL,
  difference     numeric(20, 4) NOT NULL,
  PRIMARY KEY (tenant_id, run_id, line_no),
  FOREIGN KEY (tenant_id, run_id) REFERENCES provisioning_runs (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE TRIGGER provisioning_lines_append_only BEFORE UPDATE OR DELETE ON provisioning_lines
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('provisioning_lines');

-- a provisioning run's voucher has the run as its source
ALTER TABLE vouchers DROP CONSTRAINT vouchers_source_type_check;
ALTER TABLE vouchers ADD CONSTRAINT vouchers_source_type_check
  CHECK (source_type IN ('document', 'settlement', 'provisioning-run'));
