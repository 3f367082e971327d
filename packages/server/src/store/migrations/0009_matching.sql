-- Matching (核销): runs, the decision each run made for each receipt (the rule-set version, rule, score,
-- evidence and explain trace), and the insert-only record of a customer assigned to an unidentified receipt.

CREATE TABLE matching_runs (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id),
  id               uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('run', 'dry-run', 'backtest')),
  rule_set_key     text NOT NULL,
  rule_set_version integer NOT NULL CHECK (rule_set_version >= 0),
  rule_set_hash    text NOT NULL,
  scope            jsonb NOT NULL,
  counts           jsonb NOT NULL,
  summary          jsonb NOT NULL,
  created_by       text NOT NULL,
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE matching_decisions (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id),
  id               uuid NOT NULL,
  run_id           uuid NOT NULL,
  receipt_id       uuid NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('auto', 'suggested', 'unmatched', 'held')),
  -- posted / conflict (auto); open / accepted / rejected / superseded (suggested); none (unmatched, held)
  status           text NOT NULL CHECK (status IN ('posted', 'conflict', 'open', 'accepted', 'rejected', 'superseded', 'none')),
  rule_set_key     text NOT NULL,
  rule_set_version integer NOT NULL,
  rule             text,
  stage            text,
  score            integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  customer_id      uuid,
  detail           jsonb NOT NULL,
  settlement_id    uuid,
  duplicate_of     uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  decided_by       text,
  decided_at       timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, run_id) REFERENCES matching_runs (tenant_id, id),
  FOREIGN KEY (tenant_id, receipt_id) REFERENCES ledger_documents (tenant_id, id)
);
CREATE INDEX matching_decisions_run_ix ON matching_decisions (tenant_id, run_id, id);
CREATE INDEX matching_decisions_receipt_ix ON matching_decisions (tenant_id, receipt_id);
CREATE INDEX matching_decisions_open_ix ON matching_decisions (tenant_id, id) WHERE status = 'open';

-- A customer assigned to a receipt posted without one: insert-only; a later row supersedes an earlier one.
CREATE TABLE receipt_assignments (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id),
  id               uuid NOT NULL,
  receipt_id       uuid NOT NULL,
  customer_id      uuid NOT NULL,
  reason           text NOT NULL,
  assigned_by      text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, receipt_id) REFERENCES ledger_documents (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX receipt_assignments_receipt_ix ON receipt_assignments (tenant_id, receipt_id, created_at DESC);
CREATE TRIGGER receipt_assignments_append_only BEFORE UPDATE OR DELETE ON receipt_assignments
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER matching_runs_no_delete BEFORE DELETE ON matching_runs
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER matching_decisions_no_delete BEFORE DELETE ON matching_decisions
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();

SELECT hexiao_enable_rls('matching_runs');
SELECT hexiao_enable_rls('matching_decisions');
SELECT hexiao_enable_rls('receipt_assignments');
