-- Requests: form submissions validated against the exact published form version they were rendered from,
-- with the subject (customer and receivables) snapshotted at submit; an approval flow instance decides them.
-- The action a request binds (write-off, debt transfer) is performed at most once per request: request_actions
-- holds one row per request, keyed by the flow's effect key. Attachments (evidence) are kept with a sha-256,
-- their bytes here (PostgreSQL) or in the data folder (embedded); nothing of either is ever changed or removed,
-- except that an attachment uploaded before its request is linked to it once.

CREATE TABLE requests (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  number         text NOT NULL,
  form_key       text NOT NULL,
  form_version   integer NOT NULL CHECK (form_version > 0),
  form_hash      text NOT NULL,
  action         text NOT NULL,
  flow_key       text,
  customer_id    uuid,
  data           jsonb NOT NULL,
  subject        jsonb NOT NULL,
  subject_hash   char(64) NOT NULL,
  revision       integer NOT NULL DEFAULT 1 CHECK (revision > 0),
  requested_by   text NOT NULL,
  requested_by_name text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
);
CREATE INDEX requests_recent_ix ON requests (tenant_id, created_at DESC);
CREATE INDEX requests_customer_ix ON requests (tenant_id, customer_id);

-- Earlier revisions of a request (a requester revising it after a return): kept, never changed.
CREATE TABLE request_revisions (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  request_id     uuid NOT NULL,
  revision       integer NOT NULL,
  data           jsonb NOT NULL,
  subject        jsonb NOT NULL,
  subject_hash   char(64) NOT NULL,
  revised_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, request_id, revision),
  FOREIGN KEY (tenant_id, request_id) REFERENCES requests (tenant_id, id)
);

CREATE TABLE request_actions (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  effect_key     text NOT NULL,
  request_id     uuid NOT NULL,
  action         text NOT NULL,
  input          jsonb NOT NULL,
  result         jsonb NOT NULL,
  performed_by   text NOT NULL,
  performed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, effect_key),
  UNIQUE (tenant_id, request_id),
  FOREIGN KEY (tenant_id, request_id) REFERENCES requests (tenant_id, id)
);

CREATE TABLE attachments (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  request_id     uuid,
  label          text NOT NULL,
  name           text NOT NULL,
  content_type   text NOT NULL,
  size           bigint NOT NULL CHECK (size >= 0),
  sha256         char(64) NOT NULL,
  content        bytea,
  stored_path    text,
  uploaded_by    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, request_id) REFERENCES requests (tenant_id, id),
  CHECK (content IS NOT NULL OR stored_path IS NOT NULL)
);
CREATE INDEX attachments_request_ix ON attachments (tenant_id, request_id);

-- An attachment is linked to its request once; nothing else of it ever changes.
CREATE FUNCTION hexiao_attachment_link_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.request_id IS NULL AND NEW.request_id IS NOT NULL
     AND (NEW.tenant_id, NEW.id, NEW.label, NEW.name, NEW.content_type, NEW.size, NEW.sha256, NEW.stored_path, NEW.uploaded_by, NEW.created_at)
         IS NOT DISTINCT FROM (OLD.tenant_id, OLD.id, OLD.label, OLD.name, OLD.content_type, OLD.size, OLD.sha256, OLD.stored_path, OLD.uploaded_by, OLD.created_at)
     AND NEW.content IS NOT DISTINCT FROM OLD.content THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'hexiao: % on attachments is refused: only an unlinked attachment may be linked to a request', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER attachments_link_only BEFORE UPDATE OR DELETE ON attachments
  FOR EACH ROW EXECUTE FUNCTION hexiao_attachment_link_only();
CREATE TRIGGER request_revisions_append_only BEFORE UPDATE OR DELETE ON request_revisions
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER request_actions_append_only BEFORE UPDATE OR DELETE ON request_actions
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER requests_no_delete BEFORE DELETE ON requests
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();

SELECT hexiao_enable_rls('requests');
SELECT hexiao_enable_rls('request_revisions');
SELECT hexiao_enable_rls('request_actions');
SELECT hexiao_enable_rls('attachments');
