-- Import pipeline: kept files, import jobs with their report, canonical statements and bank lines
-- (insert-only, deduplicated by source key), and links from imported records to ledger documents.

CREATE TABLE import_files (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  sha256         char(64) NOT NULL,
  size           bigint NOT NULL CHECK (size >= 0),
  name           text NOT NULL,
  stored_path    text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, sha256)
);

CREATE TABLE imports (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  connector      text NOT NULL,
  connector_version text NOT NULL,
  config_key     text,
  config_version integer,
  file_ids       uuid[] NOT NULL DEFAULT '{}',
  status         text NOT NULL CHECK (status IN ('done', 'failed')),
  report         jsonb NOT NULL,
  created_by     text NOT NULL,
  started_at     timestamptz NOT NULL,
  finished_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX imports_recent_ix ON imports (tenant_id, finished_at DESC);

CREATE TABLE bank_statements (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  source_key     text NOT NULL,
  import_id      uuid NOT NULL,
  file_id        uuid NOT NULL,
  position       jsonb NOT NULL,
  account_key    text NOT NULL,
  bank_account_id uuid,
  statement_id   text NOT NULL,
  sequence       text,
  from_date      date,
  to_date        date,
  currency       char(3),
  opening_balance numeric(22, 6),
  closing_balance numeric(22, 6),
  gap            boolean NOT NULL DEFAULT false,
  warnings       jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, source_key)
);
CREATE INDEX bank_statements_account_ix ON bank_statements (tenant_id, account_key, to_date);

CREATE TABLE bank_lines (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  source_key     text NOT NULL,
  import_id      uuid NOT NULL,
  file_id        uuid NOT NULL,
  pos_index      integer NOT NULL,
  pos_line       integer,
  pos_xpath      text,
  statement_key  text,
  account_key    text NOT NULL,
  bank_account_id uuid,
  booking_date   date NOT NULL,
  value_date     date,
  amount         numeric(22, 6) NOT NULL CHECK (amount >= 0),
  currency       char(3) NOT NULL,
  direction      text NOT NULL CHECK (direction IN ('credit', 'debit')),
  reversal       boolean NOT NULL DEFAULT false,
  end_to_end_id  text,
  bank_reference text,
  customer_reference text,
  creditor_reference text,
  counterparty_name text,
  counterparty_account text,
  remittance     text,
  transaction_code text,
  extra          jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, source_key)
);
CREATE INDEX bank_lines_import_ix ON bank_lines (tenant_id, import_id);
CREATE INDEX bank_lines_e2e_ix ON bank_lines (tenant_id, end_to_end_id) WHERE end_to_end_id IS NOT NULL;

-- Which ledger document an imported record became (receipt of a credit line, its reversal, an invoice…).
CREATE TABLE import_documents (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  source_type    text NOT NULL,
  source_key     text NOT NULL,
  role           text NOT NULL,
  document_id    uuid NOT NULL,
  import_id      uuid NOT NULL,
  file_id        uuid NOT NULL,
  position       jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, source_type, source_key, role)
);
CREATE INDEX import_documents_document_ix ON import_documents (tenant_id, document_id);

CREATE TRIGGER import_files_append_only BEFORE UPDATE OR DELETE ON import_files FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER imports_append_only BEFORE UPDATE OR DELETE ON imports FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER bank_statements_append_only BEFORE UPDATE OR DELETE ON bank_statements FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER bank_lines_append_only BEFORE UPDATE OR DELETE ON bank_lines FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER import_documents_append_only BEFORE UPDATE OR DELETE ON import_documents FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();

-- Tenant isolation by row-level security, as 0004 set up for the earlier tables.
SELECT hexiao_enable_rls('import_files');
SELECT hexiao_enable_rls('imports');
SELECT hexiao_enable_rls('bank_statements');
SELECT hexiao_enable_rls('bank_lines');
SELECT hexiao_enable_rls('import_documents');
