-- Promises to pay and disputes on open receivables (collections). Every row is an event and never changes:
-- a promise's outcome (kept, broken, cancelled) and a dispute's resolution are rows of their own, one at most
-- per promise or dispute, so a promise or dispute still open is one without them.
CREATE TABLE payment_promises (
  tenant_id       uuid NOT NULL REFERENCES tenants (tenant_id),
  id              uuid NOT NULL,
  document_id     uuid NOT NULL,
  customer_id     uuid NOT NULL,
  promised_date   date NOT NULL,
  currency        char(3) NOT NULL,
  amount          numeric(20, 4) NOT NULL CHECK (amount > 0),
  -- the item's open amount when the promise was made: paid since = this less the open amount now
  open_at_promise numeric(20, 4) NOT NULL CHECK (open_at_promise > 0),
  made_on         date NOT NULL,
  note            text,
  created_by      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES ledger_documents (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX payment_promises_document_ix ON payment_promises (tenant_id, document_id);
CREATE INDEX payment_promises_customer_ix ON payment_promises (tenant_id, customer_id, created_at DESC);
CREATE TRIGGER payment_promises_append_only BEFORE UPDATE OR DELETE ON payment_promises
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('payment_promises');

CREATE TABLE promise_outcomes (
  tenant_id   uuid NOT NULL REFERENCES tenants (tenant_id),
  promise_id  uuid NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('kept', 'broken', 'cancelled')),
  as_of       date NOT NULL,
  paid        numeric(20, 4) NOT NULL,
  reason      text,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, promise_id),
  FOREIGN KEY (tenant_id, promise_id) REFERENCES payment_promises (tenant_id, id)
);
CREATE TRIGGER promise_outcomes_append_only BEFORE UPDATE OR DELETE ON promise_outcomes
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('promise_outcomes');

CREATE TABLE disputes (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id),
  id           uuid NOT NULL,
  document_id  uuid NOT NULL,
  customer_id  uuid NOT NULL,
  category     text NOT NULL,
  reason       text NOT NULL,
  currency     char(3) NOT NULL,
  amount       numeric(20, 4) CHECK (amount > 0),
  opened_on    date NOT NULL,
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES ledger_documents (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX disputes_document_ix ON disputes (tenant_id, document_id);
CREATE INDEX disputes_customer_ix ON disputes (tenant_id, customer_id, created_at DESC);
CREATE TRIGGER disputes_append_only BEFORE UPDATE OR DELETE ON disputes
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('disputes');

CREATE TABLE dispute_resolutions (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id),
  dispute_id   uuid NOT NULL,
  resolution   text NOT NULL,
  resolved_on  date NOT NULL,
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, dispute_id),
  FOREIGN KEY (tenant_id, dispute_id) REFERENCES disputes (tenant_id, id)
);
CREATE TRIGGER dispute_resolutions_append_only BEFORE UPDATE OR DELETE ON dispute_resolutions
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('dispute_resolutions');
