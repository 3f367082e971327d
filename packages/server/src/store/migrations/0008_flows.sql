-- Approval flow runtime (ENGINES.md §2.3): one instance per request, pinned to the flow version and content hash
-- it started on, with the data its guards read snapshotted at submit. Tasks are rows (the inbox reads them); a
-- task changes only while it is open, so it is decided at most once. History and comments are append-only.
-- Reminder and escalation timers are rows the jobs sweep picks (`due_at <= now()`, fired once per task and level).
-- Notifications are the outbox every capability writes in its own transaction and users read in the app.

CREATE TABLE flow_instances (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  request_id     uuid NOT NULL,
  flow_key       text NOT NULL,
  flow_version   integer NOT NULL CHECK (flow_version > 0),
  flow_hash      text NOT NULL,
  status         text NOT NULL CHECK (status IN ('running', 'returned', 'approved', 'rejected', 'withdrawn')),
  round          integer NOT NULL CHECK (round > 0),
  requested_by   text NOT NULL,
  data           jsonb NOT NULL,
  data_hash      char(64) NOT NULL,
  state          jsonb NOT NULL,
  version        integer NOT NULL DEFAULT 1 CHECK (version > 0),
  event_count    integer NOT NULL DEFAULT 0 CHECK (event_count >= 0),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  ended_at       timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, request_id),
  FOREIGN KEY (tenant_id, request_id) REFERENCES requests (tenant_id, id)
);
CREATE INDEX flow_instances_status_ix ON flow_instances (tenant_id, status, flow_key);

CREATE TABLE flow_tasks (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  instance_id    uuid NOT NULL,
  activation     text NOT NULL,
  step           text NOT NULL,
  round          integer NOT NULL CHECK (round > 0),
  slot           integer NOT NULL CHECK (slot >= 0),
  assignee       text NOT NULL,
  on_behalf_of   text,
  origin         text NOT NULL CHECK (origin IN ('assigned', 'delegated', 'escalated', 'added')),
  status         text NOT NULL
                 CHECK (status IN ('open', 'approved', 'rejected', 'returned', 'delegated', 'superseded', 'cancelled')),
  created_at     timestamptz NOT NULL,
  due_at         timestamptz,
  remind_at      timestamptz,
  escalate_at    timestamptz,
  decided_at     timestamptz,
  comment        text,
  closed_by      jsonb,
  reminded       boolean NOT NULL DEFAULT false,
  escalated      boolean NOT NULL DEFAULT false,
  returned_to    text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, instance_id) REFERENCES flow_instances (tenant_id, id),
  CHECK ((status = 'open') = (decided_at IS NULL))
);
CREATE INDEX flow_tasks_inbox_ix ON flow_tasks (tenant_id, assignee, status, due_at);
CREATE INDEX flow_tasks_instance_ix ON flow_tasks (tenant_id, instance_id);

-- A task changes only while it is open: once decided, superseded or cancelled it is history.
CREATE FUNCTION hexiao_flow_task_open_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = 'open'
     AND (NEW.tenant_id, NEW.id, NEW.instance_id, NEW.activation, NEW.round, NEW.slot, NEW.assignee, NEW.origin, NEW.created_at)
         IS NOT DISTINCT FROM (OLD.tenant_id, OLD.id, OLD.instance_id, OLD.activation, OLD.round, OLD.slot, OLD.assignee, OLD.origin, OLD.created_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'hexiao: % on flow_tasks is refused: a task changes only while it is open', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER flow_tasks_open_only BEFORE UPDATE OR DELETE ON flow_tasks
  FOR EACH ROW EXECUTE FUNCTION hexiao_flow_task_open_only();

CREATE TABLE flow_events (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  instance_id    uuid NOT NULL,
  seq            integer NOT NULL CHECK (seq > 0),
  type           text NOT NULL,
  round          integer NOT NULL,
  step           text,
  task_id        uuid,
  actor          text,
  on_behalf_of   text,
  detail         jsonb,
  guards         jsonb,
  flow_version   integer NOT NULL,
  at             timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, instance_id, seq),
  FOREIGN KEY (tenant_id, instance_id) REFERENCES flow_instances (tenant_id, id)
);

CREATE TABLE flow_comments (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  instance_id    uuid NOT NULL,
  task_id        uuid,
  round          integer NOT NULL,
  author         text NOT NULL,
  author_name    text NOT NULL,
  body           text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, instance_id) REFERENCES flow_instances (tenant_id, id)
);
CREATE INDEX flow_comments_instance_ix ON flow_comments (tenant_id, instance_id, created_at);

-- Timers of open tasks: a reminder (non-interrupting) and an escalation, each fired at most once.
CREATE TABLE flow_due (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  task_id        uuid NOT NULL,
  instance_id    uuid NOT NULL,
  level          text NOT NULL CHECK (level IN ('remind', 'escalate')),
  due_at         timestamptz NOT NULL,
  fired_at       timestamptz,
  PRIMARY KEY (tenant_id, task_id, level),
  FOREIGN KEY (tenant_id, task_id) REFERENCES flow_tasks (tenant_id, id),
  FOREIGN KEY (tenant_id, instance_id) REFERENCES flow_instances (tenant_id, id)
);
CREATE INDEX flow_due_pending_ix ON flow_due (tenant_id, due_at) WHERE fired_at IS NULL;

CREATE FUNCTION hexiao_flow_due_fire_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.fired_at IS NULL AND NEW.fired_at IS NOT NULL
     AND (NEW.tenant_id, NEW.task_id, NEW.instance_id, NEW.level, NEW.due_at)
         IS NOT DISTINCT FROM (OLD.tenant_id, OLD.task_id, OLD.instance_id, OLD.level, OLD.due_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'hexiao: % on flow_due is refused: a timer fires once', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER flow_due_fire_once BEFORE UPDATE OR DELETE ON flow_due
  FOR EACH ROW EXECUTE FUNCTION hexiao_flow_due_fire_once();

-- Standing delegations: tasks for from_user go to to_user on the days starts..ends (one level deep).
CREATE TABLE flow_delegations (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  from_user      uuid NOT NULL,
  to_user        uuid NOT NULL,
  starts         date NOT NULL,
  ends           date NOT NULL,
  note           text,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz,
  revoked_by     text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, from_user) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, to_user) REFERENCES users (tenant_id, id),
  CHECK (from_user <> to_user),
  CHECK (ends >= starts)
);
CREATE INDEX flow_delegations_from_ix ON flow_delegations (tenant_id, from_user);

-- In-app notifications and the outbox of anything sent further (e-mail, webhooks): written in the
-- transaction of what they tell about; afterwards only their read and dispatch marks are set.
CREATE TABLE notifications (
  tenant_id      uuid NOT NULL REFERENCES tenants (tenant_id),
  id             uuid NOT NULL,
  recipient      text NOT NULL,
  source         text NOT NULL,
  kind           text NOT NULL,
  entity_type    text,
  entity_id      text,
  title          text NOT NULL,
  payload        jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  read_at        timestamptz,
  dispatched_at  timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX notifications_recipient_ix ON notifications (tenant_id, recipient, created_at DESC);
CREATE INDEX notifications_outbox_ix ON notifications (tenant_id, created_at) WHERE dispatched_at IS NULL;

CREATE FUNCTION hexiao_notification_marks_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (NEW.tenant_id, NEW.id, NEW.recipient, NEW.source, NEW.kind, NEW.entity_type, NEW.entity_id, NEW.title, NEW.payload, NEW.created_at)
         IS NOT DISTINCT FROM (OLD.tenant_id, OLD.id, OLD.recipient, OLD.source, OLD.kind, OLD.entity_type, OLD.entity_id, OLD.title, OLD.payload, OLD.created_at)
     AND (OLD.read_at IS NULL OR NEW.read_at IS NOT DISTINCT FROM OLD.read_at)
     AND (OLD.dispatched_at IS NULL OR NEW.dispatched_at IS NOT DISTINCT FROM OLD.dispatched_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'hexiao: % on notifications is refused: only the read and dispatch marks are set, once', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER notifications_marks_only BEFORE UPDATE OR DELETE ON notifications
  FOR EACH ROW EXECUTE FUNCTION hexiao_notification_marks_only();

CREATE TRIGGER flow_events_append_only BEFORE UPDATE OR DELETE ON flow_events
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER flow_comments_append_only BEFORE UPDATE OR DELETE ON flow_comments
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();
CREATE TRIGGER flow_instances_no_delete BEFORE DELETE ON flow_instances
  FOR EACH ROW EXECUTE FUNCTION hexiao_refuse_change();

SELECT hexiao_enable_rls('flow_instances');
SELECT hexiao_enable_rls('flow_tasks');
SELECT hexiao_enable_rls('flow_events');
SELECT hexiao_enable_rls('flow_comments');
SELECT hexiao_enable_rls('flow_due');
SELECT hexiao_enable_rls('flow_delegations');
SELECT hexiao_enable_rls('notifications');
