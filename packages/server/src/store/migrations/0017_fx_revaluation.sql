-- Period-end FX revaluation: the open foreign-currency items at the period's closing rates, the unrealised gain
-- or loss posted on the period's last day against the revaluation account, and reversed on the first day of
-- the next period (open items keep their booking rate: settlements realise the difference). One per period.
CREATE TABLE fx_revaluations (
  tenant_id           uuid NOT NULL REFERENCES tenants (tenant_id),
  id                  uuid NOT NULL,
  period              text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
  rate_date           date NOT NULL,
  posting_date        date NOT NULL,
  reversal_date       date NOT NULL,
  currency            char(3) NOT NULL,
  items               integer NOT NULL CHECK (items >= 0),
  gain                numeric(20, 4) NOT NULL CHECK (gain >= 0),
  loss                numeric(20, 4) NOT NULL CHECK (loss >= 0),
  rates               jsonb NOT NULL,
  voucher_id          uuid,
  reversal_voucher_id uuid,
  created_by          text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, period),
  FOREIGN KEY (tenant_id, voucher_id) REFERENCES vouchers (tenant_id, id),
  FOREIGN KEY (tenant_id, reversal_voucher_id) REFERENCES vouchers (tenant_id, id)
);
CREATE TRIGGER fx_revaluations_append_only BEFORE UPDATE OR DELETE ON fx_revaluations
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('fx_revaluations');

CREATE TABLE fx_revaluation_lines (
  tenant_id       uuid NOT NULL REFERENCES tenants (tenant_id),
  revaluation_id  uuid NOT NULL,
  line_no         integer NOT NULL CHECK (line_no > 0),
  document_id     uuid NOT NULL,
  customer_id     uuid,
  side            text NOT NULL CHECK (side IN ('debit', 'credit')),
  currency        char(3) NOT NULL,
  open_amount     numeric(20, 4) NOT NULL,
  open_base       numeric(20, 4) NOT NULL,
  rate            numeric(24, 12) NOT NULL,
  revalued_base   numeric(20, 4) NOT NULL,
  effect          numeric(20, 4) NOT NULL,
  PRIMARY KEY (tenant_id, revaluation_id, line_no),
  FOREIGN KEY (tenant_id, revaluation_id) REFERENCES fx_revaluations (tenant_id, id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES ledger_documents (tenant_id, id)
);
CREATE TRIGGER fx_revaluation_lines_append_only BEFORE UPDATE OR DELETE ON fx_revaluation_lines
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('fx_revaluation_lines');

ALTER TABLE vouchers DROP CONSTRAINT vouchers_source_type_check;
ALTER TABLE vouchers ADD CONSTRAINT vouchers_source_type_check
  CHECK (source_type IN ('document', 'settlement', 'provisioning-run', 'fx-revaluation'));
