-- Access: tenant-editable roles (permission sets + a data scope), and second-user confirmation of
-- payer bank account changes.

CREATE TABLE roles (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  key            text NOT NULL CHECK (key ~ '^[a-z][a-z0-9-]{1,40}$'),
  name           text NOT NULL,
  permissions    text[] NOT NULL DEFAULT '{}',
  -- JSON-Logic subset over customer/receivable fields and $user.*: rows the role may see (null = all)
  data_scope     jsonb,
  built_in       boolean NOT NULL DEFAULT false,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key)
);

CREATE TABLE bank_account_changes (
  tenant_id      uuid NOT NULL,
  id             uuid NOT NULL,
  customer_id    uuid NOT NULL,
  action         text NOT NULL CHECK (action IN ('add', 'remove')),
  account_id     uuid,
  details        jsonb NOT NULL,
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'rejected')),
  requested_by   text NOT NULL,
  requested_at   timestamptz NOT NULL DEFAULT now(),
  decided_by     text,
  decided_at     timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  -- a second user confirms (a requester may withdraw their own request by rejecting it)
  CHECK (status <> 'confirmed' OR decided_by <> requested_by)
);
CREATE INDEX bank_account_changes_pending_ix ON bank_account_changes (tenant_id, status, customer_id);
