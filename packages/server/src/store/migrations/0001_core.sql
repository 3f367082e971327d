-- Core: tenants, identity, audit log, definitions, customers.
-- Every table carries tenant_id and every primary and foreign key includes it (tenant sharding stays possible).

CREATE TABLE tenants (
  tenant_id      uuid PRIMARY KEY,
  slug           text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name           text NOT NULL,
  time_zone      text NOT NULL DEFAULT 'UTC',
  base_currency  char(3) NOT NULL DEFAULT 'CNY',
  rounding_mode  text NOT NULL DEFAULT 'half-up'
                 CHECK (rounding_mode IN ('half-up', 'half-even', 'half-down', 'up', 'down', 'ceil', 'floor')),
  settings       jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  email          text NOT NULL,
  name           text NOT NULL,
  password_hash  text,
  roles          text[] NOT NULL DEFAULT '{}',
  attributes     jsonb NOT NULL DEFAULT '{}'::jsonb,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  failed_logins  integer NOT NULL DEFAULT 0,
  locked_until   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX users_email_uq ON users (tenant_id, lower(email));

CREATE TABLE sessions (
  tenant_id      uuid NOT NULL,
  id             uuid NOT NULL,
  user_id        uuid NOT NULL,
  secret_hash    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  ip             text,
  user_agent     text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX sessions_id_uq ON sessions (id);

CREATE TABLE api_tokens (
  tenant_id      uuid NOT NULL,
  id             uuid NOT NULL,
  user_id        uuid NOT NULL,
  name           text NOT NULL,
  secret_hash    text NOT NULL,
  scopes         text[] NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  revoked_at     timestamptz,
  last_used_at   timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE UNIQUE INDEX api_tokens_id_uq ON api_tokens (id);

-- Audit: append-only, hash-chained per tenant; the head row carries the count and an HMAC signature.
CREATE TABLE audit_log (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  seq            bigint NOT NULL CHECK (seq > 0),
  id             uuid NOT NULL,
  at             timestamptz NOT NULL,
  actor_type     text NOT NULL CHECK (actor_type IN ('user', 'token', 'system', 'anonymous')),
  actor_id       text,
  actor_name     text,
  action         text NOT NULL,
  entity_type    text,
  entity_id      text,
  before         jsonb,
  after          jsonb,
  definitions    jsonb,
  batch_sha256   text,
  record_count   integer,
  ip             text,
  user_agent     text,
  request_id     text,
  prev_hash      text NOT NULL,
  hash           text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_log_entity_ix ON audit_log (tenant_id, entity_type, entity_id);

CREATE TABLE audit_heads (
  tenant_id      uuid PRIMARY KEY REFERENCES tenants (tenant_id),
  last_seq       bigint NOT NULL DEFAULT 0,
  last_hash      text NOT NULL,
  entry_count    bigint NOT NULL DEFAULT 0,
  signature      text,
  signed_at      timestamptz
);

CREATE FUNCTION hexiao_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'hexiao: % on % is refused: rows are append-only', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION hexiao_refuse_change();

-- Definitions: versioned metadata documents (draft -> published (immutable) -> archived).
CREATE TABLE definitions (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  kind           text NOT NULL,
  key            text NOT NULL CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$'),
  version        integer NOT NULL CHECK (version > 0),
  status         text NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
  title          text,
  document       jsonb NOT NULL,
  content_hash   text NOT NULL,
  based_on       integer,
  note           text,
  created_by     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  published_by   text,
  published_at   timestamptz,
  archived_at    timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, kind, key, version)
);
CREATE UNIQUE INDEX definitions_one_draft_uq ON definitions (tenant_id, kind, key) WHERE status = 'draft';

CREATE FUNCTION hexiao_definition_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'hexiao: definition %/% v% is % and cannot be deleted', OLD.kind, OLD.key, OLD.version, OLD.status
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' THEN
    IF NEW.document IS DISTINCT FROM OLD.document OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
       OR NEW.version IS DISTINCT FROM OLD.version OR NEW.key IS DISTINCT FROM OLD.key OR NEW.kind IS DISTINCT FROM OLD.kind
       OR NOT (OLD.status = 'published' AND NEW.status IN ('published', 'archived')) THEN
      RAISE EXCEPTION 'hexiao: definition %/% v% is % and immutable', OLD.kind, OLD.key, OLD.version, OLD.status
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER definitions_guard BEFORE UPDATE OR DELETE ON definitions
  FOR EACH ROW EXECUTE FUNCTION hexiao_definition_guard();

-- Customers: the fixed core plus custom fields (JSONB, validated against the published object type).
CREATE TABLE customers (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  code           text NOT NULL,
  name           text NOT NULL,
  tax_id         text,
  peppol_id      text,
  gln            text,
  region         text,
  sales_owner    text,
  parent_id      uuid,
  currency       char(3),
  payment_terms_days integer CHECK (payment_terms_days >= 0),
  credit_limit   numeric(20, 4) CHECK (credit_limit >= 0),
  object_type    text,
  object_type_version integer,
  custom         jsonb NOT NULL DEFAULT '{}'::jsonb,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'archived')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX customers_tax_id_ix ON customers (tenant_id, tax_id);
CREATE INDEX customers_peppol_ix ON customers (tenant_id, peppol_id);
CREATE INDEX customers_gln_ix ON customers (tenant_id, gln);
CREATE INDEX customers_region_ix ON customers (tenant_id, region);
CREATE INDEX customers_owner_ix ON customers (tenant_id, sales_owner);

CREATE TABLE customer_bank_accounts (
  tenant_id      uuid NOT NULL,
  id             uuid NOT NULL,
  customer_id    uuid NOT NULL,
  iban           text,
  account_number text,
  bank_name      text,
  bic            text,
  holder_name    text,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'removed')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  CHECK (iban IS NOT NULL OR account_number IS NOT NULL)
);
CREATE INDEX customer_bank_accounts_iban_ix ON customer_bank_accounts (tenant_id, iban);
CREATE INDEX customer_bank_accounts_number_ix ON customer_bank_accounts (tenant_id, account_number);
