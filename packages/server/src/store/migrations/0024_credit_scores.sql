-- Credit scores as the daily sweep computed them: one row per customer and day, never changed, so a score's
-- history (and the grade drop an alert told about) stays as it was. A weekly digest is recorded once per week.
CREATE TABLE credit_scores (
  tenant_id       uuid NOT NULL REFERENCES tenants (tenant_id),
  customer_id     uuid NOT NULL,
  as_of           date NOT NULL,
  score           integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  grade           text NOT NULL,
  exposure        numeric(20, 4) NOT NULL,
  overdue         numeric(20, 4) NOT NULL,
  credit_limit    numeric(20, 4),
  metrics         jsonb NOT NULL,
  policy_key      text,
  policy_version  integer,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, customer_id, as_of),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX credit_scores_day_ix ON credit_scores (tenant_id, as_of, score);
CREATE TRIGGER credit_scores_append_only BEFORE UPDATE OR DELETE ON credit_scores
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('credit_scores');

CREATE TABLE credit_digests (
  tenant_id   uuid NOT NULL REFERENCES tenants (tenant_id),
  week_of     date NOT NULL,
  customers   integer NOT NULL,
  recipients  integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, week_of)
);
CREATE TRIGGER credit_digests_append_only BEFORE UPDATE OR DELETE ON credit_digests
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('credit_digests');
