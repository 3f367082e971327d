-- Webhooks: endpoints a tenant's administrator registers, one delivery per (endpoint, event) — so an event is
-- never sent twice to one endpoint — and every attempt logged. An endpoint is disabled, never deleted.
CREATE TABLE webhook_endpoints (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id),
  id           uuid NOT NULL,
  url          text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
  -- the HMAC-SHA256 signing key, shown to the administrator once when the endpoint is made
  secret       text NOT NULL,
  events       text[] NOT NULL,
  description  text,
  status       text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  disabled_at  timestamptz,
  PRIMARY KEY (tenant_id, id)
);
SELECT hexiao_enable_rls('webhook_endpoints');

CREATE TABLE webhook_deliveries (
  tenant_id        uuid NOT NULL REFERENCES tenants (tenant_id),
  id               uuid NOT NULL,
  endpoint_id      uuid NOT NULL,
  event_id         uuid NOT NULL,
  event            text NOT NULL,
  payload          jsonb NOT NULL,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_status      integer,
  last_error       text,
  delivered_at     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, endpoint_id, event_id),
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id)
);
CREATE INDEX webhook_deliveries_due_ix ON webhook_deliveries (tenant_id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_endpoint_ix ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC);
SELECT hexiao_enable_rls('webhook_deliveries');

CREATE TABLE webhook_attempts (
  tenant_id    uuid NOT NULL REFERENCES tenants (tenant_id),
  delivery_id  uuid NOT NULL,
  attempt      integer NOT NULL CHECK (attempt > 0),
  at           timestamptz NOT NULL DEFAULT now(),
  status_code  integer,
  error        text,
  duration_ms  integer NOT NULL,
  PRIMARY KEY (tenant_id, delivery_id, attempt),
  FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhook_deliveries (tenant_id, id)
);
CREATE TRIGGER webhook_attempts_append_only BEFORE UPDATE OR DELETE ON webhook_attempts
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
SELECT hexiao_enable_rls('webhook_attempts');
