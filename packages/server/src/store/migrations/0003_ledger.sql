-- Ledger: documents, open items, settlements, vouchers, FX rates, periods, company bank accounts, idempotency.
-- Posted tables are insert-only (triggers refuse UPDATE/DELETE/TRUNCATE); corrections are reversals.
-- Every table carries tenant_id and every primary and foreign key includes it.

CREATE TABLE accounting_periods (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  period         text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  starts_on      date NOT NULL,
  ends_on        date NOT NULL,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at      timestamptz,
  closed_by      text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, period),
  CHECK (ends_on >= starts_on)
);

-- Gapless voucher numbers: one counter row per tenant and period, locked by the posting transaction.
CREATE TABLE voucher_counters (
  tenant_id      uuid NOT NULL,
  period         text NOT NULL,
  last_number    integer NOT NULL DEFAULT 0 CHECK (last_number >= 0),
  PRIMARY KEY (tenant_id, period),
  FOREIGN KEY (tenant_id, period) REFERENCES accounting_periods (tenant_id, period)
);

CREATE TABLE fx_rates (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  rate_date      date NOT NULL,
  from_currency  char(3) NOT NULL CHECK (from_currency ~ '^[A-Z]{3}$'),
  to_currency    char(3) NOT NULL CHECK (to_currency ~ '^[A-Z]{3}$'),
  rate_type      text NOT NULL DEFAULT 'spot' CHECK (rate_type ~ '^[a-z][a-z0-9-]{0,31}$'),
  rate           numeric(24, 12) NOT NULL CHECK (rate > 0),
  source         text,
  created_by     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, from_currency, to_currency, rate_type, rate_date),
  CHECK (from_currency <> to_currency)
);

CREATE TABLE company_bank_accounts (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  code           text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$'),
  name           text NOT NULL,
  iban           text,
  account_number text,
  bank_name      text,
  bic            text,
  currency       char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  gl_account     text NOT NULL,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  CHECK (iban IS NOT NULL OR account_number IS NOT NULL)
);

CREATE TABLE vouchers (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id),
  id               uuid NOT NULL,
  period           text NOT NULL,
  number           integer NOT NULL CHECK (number > 0),
  voucher_date     date NOT NULL,
  source_type      text NOT NULL CHECK (source_type IN ('document', 'settlement')),
  source_id        uuid NOT NULL,
  description      text NOT NULL,
  currency         char(3) NOT NULL,
  total            numeric(20, 4) NOT NULL CHECK (total > 0),
  mapping_key      text NOT NULL,
  mapping_version  integer NOT NULL CHECK (mapping_version >= 0),
  created_by       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, period, number),
  FOREIGN KEY (tenant_id, period) REFERENCES accounting_periods (tenant_id, period)
);
CREATE INDEX vouchers_source_ix ON vouchers (tenant_id, source_type, source_id);

CREATE TABLE voucher_lines (
  tenant_id        uuid NOT NULL,
  voucher_id       uuid NOT NULL,
  line_no          integer NOT NULL CHECK (line_no > 0),
  account_code     text NOT NULL,
  account_name     text NOT NULL,
  debit            numeric(20, 4) NOT NULL DEFAULT 0 CHECK (debit >= 0),
  credit           numeric(20, 4) NOT NULL DEFAULT 0 CHECK (credit >= 0),
  currency         char(3),
  amount_currency  numeric(20, 4),
  customer_id      uuid,
  document_id      uuid,
  memo             text,
  PRIMARY KEY (tenant_id, voucher_id, line_no),
  FOREIGN KEY (tenant_id, voucher_id) REFERENCES vouchers (tenant_id, id),
  CHECK ((debit > 0 AND credit = 0) OR (credit > 0 AND debit = 0))
);
CREATE INDEX voucher_lines_account_ix ON voucher_lines (tenant_id, account_code);

CREATE TABLE ledger_documents (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id),
  id               uuid NOT NULL,
  doc_type         text NOT NULL
                   CHECK (doc_type IN ('estimate', 'invoice', 'receipt', 'prepayment', 'refund', 'credit-note', 'adjustment')),
  adjustment_kind  text CHECK (adjustment_kind IN ('discount', 'rebate', 'penalty', 'interest', 'rounding', 'bank-fee')),
  receivable_type  text NOT NULL DEFAULT 'default',
  side             text NOT NULL CHECK (side IN ('debit', 'credit')),
  number           text NOT NULL,
  customer_id      uuid,
  bank_account_id  uuid,
  currency         char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount           numeric(20, 4) NOT NULL CHECK (amount > 0),
  tax_amount       numeric(20, 4) NOT NULL DEFAULT 0 CHECK (tax_amount >= 0),
  fx_rate          numeric(24, 12) NOT NULL CHECK (fx_rate > 0),
  base_amount      numeric(20, 4) NOT NULL CHECK (base_amount > 0),
  base_tax_amount  numeric(20, 4) NOT NULL DEFAULT 0 CHECK (base_tax_amount >= 0),
  document_date    date NOT NULL,
  posting_date     date NOT NULL,
  value_date       date,
  due_date         date,
  period           text NOT NULL,
  clearing_account text NOT NULL,
  reverses_id      uuid,
  order_ref        text,
  delivery_ref     text,
  reference        text,
  description      text,
  reason           text,
  object_type      text,
  object_type_version integer,
  custom           jsonb NOT NULL DEFAULT '{}'::jsonb,
  voucher_id       uuid NOT NULL,
  created_by       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, doc_type, number),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, bank_account_id) REFERENCES company_bank_accounts (tenant_id, id),
  FOREIGN KEY (tenant_id, reverses_id) REFERENCES ledger_documents (tenant_id, id),
  FOREIGN KEY (tenant_id, voucher_id) REFERENCES vouchers (tenant_id, id),
  FOREIGN KEY (tenant_id, period) REFERENCES accounting_periods (tenant_id, period),
  CHECK (tax_amount <= amount AND base_tax_amount <= base_amount),
  CHECK ((doc_type = 'adjustment') = (adjustment_kind IS NOT NULL)),
  CHECK (customer_id IS NOT NULL OR doc_type IN ('receipt', 'prepayment', 'refund'))
);
CREATE INDEX ledger_documents_customer_ix ON ledger_documents (tenant_id, customer_id, posting_date);
CREATE INDEX ledger_documents_reverses_ix ON ledger_documents (tenant_id, reverses_id);
CREATE INDEX ledger_documents_order_ix ON ledger_documents (tenant_id, order_ref);

-- The open amount of each document: updated under FOR UPDATE by the posting transaction, never below zero,
-- rebuildable from ledger_documents and settlement_lines.
CREATE TABLE open_items (
  tenant_id        uuid NOT NULL,
  document_id      uuid NOT NULL,
  customer_id      uuid,
  side             text NOT NULL CHECK (side IN ('debit', 'credit')),
  currency         char(3) NOT NULL,
  amount           numeric(20, 4) NOT NULL CHECK (amount > 0),
  open_amount      numeric(20, 4) NOT NULL CHECK (open_amount >= 0),
  base_amount      numeric(20, 4) NOT NULL CHECK (base_amount > 0),
  open_base_amount numeric(20, 4) NOT NULL CHECK (open_base_amount >= 0),
  due_date         date,
  status           text NOT NULL CHECK (status IN ('open', 'partial', 'settled')),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, document_id),
  FOREIGN KEY (tenant_id, document_id) REFERENCES ledger_documents (tenant_id, id),
  CHECK (open_amount <= amount AND open_base_amount <= base_amount)
);
CREATE INDEX open_items_customer_ix ON open_items (tenant_id, customer_id, status);

CREATE TABLE settlements (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id),
  id               uuid NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('allocation', 'reversal', 'document-reversal')),
  customer_id      uuid,
  posting_date     date NOT NULL,
  period           text NOT NULL,
  reverses_id      uuid,
  reason           text,
  voucher_id       uuid,
  created_by       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, reverses_id),
  FOREIGN KEY (tenant_id, reverses_id) REFERENCES settlements (tenant_id, id),
  FOREIGN KEY (tenant_id, voucher_id) REFERENCES vouchers (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, period) REFERENCES accounting_periods (tenant_id, period),
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
);

-- One allocation between a debit and a credit document; sign -1 on the lines of a reversal.
CREATE TABLE settlement_lines (
  tenant_id          uuid NOT NULL,
  settlement_id      uuid NOT NULL,
  line_no            integer NOT NULL CHECK (line_no > 0),
  debit_document_id  uuid NOT NULL,
  credit_document_id uuid NOT NULL,
  sign               smallint NOT NULL CHECK (sign IN (1, -1)),
  debit_amount       numeric(20, 4) NOT NULL CHECK (debit_amount > 0),
  credit_amount      numeric(20, 4) NOT NULL CHECK (credit_amount > 0),
  debit_base_amount  numeric(20, 4) NOT NULL CHECK (debit_base_amount >= 0),
  credit_base_amount numeric(20, 4) NOT NULL CHECK (credit_base_amount >= 0),
  fx_difference      numeric(20, 4) NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, settlement_id, line_no),
  FOREIGN KEY (tenant_id, settlement_id) REFERENCES settlements (tenant_id, id),
  FOREIGN KEY (tenant_id, debit_document_id) REFERENCES ledger_documents (tenant_id, id),
  FOREIGN KEY (tenant_id, credit_document_id) REFERENCES ledger_documents (tenant_id, id),
  CHECK (debit_document_id <> credit_document_id)
);
CREATE INDEX settlement_lines_debit_ix ON settlement_lines (tenant_id, debit_document_id);
CREATE INDEX settlement_lines_credit_ix ON settlement_lines (tenant_id, credit_document_id);

-- Idempotency keys: claimed in the write's own transaction, kept at least 24 h with the response.
CREATE TABLE idempotency_keys (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id),
  route            text NOT NULL,
  key              text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash     text NOT NULL,
  response_status  integer NOT NULL,
  response_body    jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, route, key),
  CHECK (expires_at >= created_at + interval '24 hours')
);

-- Posted tables refuse change.
CREATE TRIGGER ledger_documents_append_only BEFORE UPDATE OR DELETE ON ledger_documents
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER ledger_documents_no_truncate BEFORE TRUNCATE ON ledger_documents
  FOR EACH STATEMENT EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER settlements_append_only BEFORE UPDATE OR DELETE ON settlements
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER settlements_no_truncate BEFORE TRUNCATE ON settlements
  FOR EACH STATEMENT EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER settlement_lines_append_only BEFORE UPDATE OR DELETE ON settlement_lines
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER settlement_lines_no_truncate BEFORE TRUNCATE ON settlement_lines
  FOR EACH STATEMENT EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER vouchers_append_only BEFORE UPDATE OR DELETE ON vouchers
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER vouchers_no_truncate BEFORE TRUNCATE ON vouchers
  FOR EACH STATEMENT EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER voucher_lines_append_only BEFORE UPDATE OR DELETE ON voucher_lines
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER voucher_lines_no_truncate BEFORE TRUNCATE ON voucher_lines
  FOR EACH STATEMENT EXECUTE FUNCTION hexiao_refuse_change();

-- Every voucher balances (debit = credit = total, at least two lines), checked at commit.
CREATE FUNCTION hexiao_voucher_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
  d numeric;
  c numeric;
  n integer;
  t numeric;
BEGIN
  IF TG_TABLE_NAME = 'vouchers' THEN v_id := NEW.id; ELSE v_id := NEW.voucher_id; END IF;
  SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) INTO d, c, n
    FROM voucher_lines WHERE tenant_id = NEW.tenant_id AND voucher_id = v_id;
  SELECT total INTO t FROM vouchers WHERE tenant_id = NEW.tenant_id AND id = v_id;
  IF n < 2 OR d <> c OR t IS DISTINCT FROM d THEN
    RAISE EXCEPTION 'hexiao: voucher % does not balance (debit %, credit %, total %, % lines)', v_id, d, c, t, n
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER vouchers_balanced AFTER INSERT ON vouchers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hexiao_voucher_balanced();
CREATE CONSTRAINT TRIGGER voucher_lines_balanced AFTER INSERT ON voucher_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hexiao_voucher_balanced();
