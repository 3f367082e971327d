-- Row-level security: every tenant table is readable and writable only for the tenant named in the
-- transaction setting app.tenant_id (set by the server per request with set_config(…, true)), so a
-- forgotten tenant filter still cannot leak. FORCE applies the policies to the table owner too; only a
-- superuser or a BYPASSRLS role (migrations, operators) sees across tenants. The server connects as a
-- NOSUPERUSER NOBYPASSRLS role.

CREATE FUNCTION hexiao_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid
$$;

-- Applies the tenant policy to one table; later migrations call it for the tables they add.
CREATE FUNCTION hexiao_enable_rls(tbl regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = hexiao_current_tenant()) WITH CHECK (tenant_id = hexiao_current_tenant())', tbl);
END;
$$;

DO $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT c.table_name FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
    WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND tb.table_type = 'BASE TABLE' AND c.table_name <> 'tenants'
  LOOP
    PERFORM hexiao_enable_rls(format('public.%I', t.table_name)::regclass);
  END LOOP;
END;
$$;

-- The tenant registry: any session may look a tenant up by slug (login names its tenant before it is
-- known); only the tenant itself may be created or changed.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_lookup ON tenants FOR SELECT USING (true);
CREATE POLICY tenant_insert ON tenants FOR INSERT WITH CHECK (tenant_id = hexiao_current_tenant());
CREATE POLICY tenant_update ON tenants FOR UPDATE USING (tenant_id = hexiao_current_tenant()) WITH CHECK (tenant_id = hexiao_current_tenant());
