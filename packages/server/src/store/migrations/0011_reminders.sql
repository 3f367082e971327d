-- Reminders (dunning): one row per (open receivable, reminder plan, level) ever sent, so the daily sweep
-- sends each level once, whatever runs at the same time; insert-only.
CREATE TABLE reminders (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  document_id    uuid NOT NULL,
  customer_id    uuid,
  plan_key       text NOT NULL,
  plan_version   integer NOT NULL CHECK (plan_version > 0),
  level          text NOT NULL,
  as_of          date NOT NULL,
  channel        text NOT NULL CHECK (channel IN ('in-app')),
  recipients     integer NOT NULL CHECK (recipients >= 0),
  subject        text NOT NULL,
  created_by     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, document_id, plan_key, level),
  FOREIGN KEY (tenant_id, document_id) REFERENCES ledger_documents (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX reminders_customer_ix ON reminders (tenant_id, customer_id, created_at DESC);
CREATE TRIGGER reminders_append_only BEFORE UPDATE OR DELETE ON reminders
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('reminders');
