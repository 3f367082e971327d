-- The deferred balance check ran once per voucher line, each time summing the whole voucher: quadratic in the
-- number of lines (a 40,000-line provisioning voucher took minutes to commit). It now runs once per voucher
-- and batch of deferred checks: the first firing checks the voucher and marks it with the transaction's
-- line-insert epoch; later firings for the same voucher skip while the epoch is unchanged. Every statement
-- that inserts voucher lines moves the epoch, so a line inserted after an early check (SET CONSTRAINTS ...
-- IMMEDIATE) is checked again at commit. The marks are transaction-local settings.

CREATE FUNCTION hexiao_voucher_lines_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('hexiao.voucher_epoch',
    (coalesce(nullif(current_setting('hexiao.voucher_epoch', true), ''), '0')::bigint + 1)::text, true);
  RETURN NULL;
END;
$$;
CREATE TRIGGER voucher_lines_epoch AFTER INSERT ON voucher_lines
  FOR EACH STATEMENT EXECUTE FUNCTION hexiao_voucher_lines_epoch();

CREATE OR REPLACE FUNCTION hexiao_voucher_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
  d numeric;
  c numeric;
  n integer;
  t numeric;
  mark text;
  epoch text;
BEGIN
  IF TG_TABLE_NAME = 'vouchers' THEN v_id := NEW.id; ELSE v_id := NEW.voucher_id; END IF;
  mark := 'hexiao.vb_' || replace(v_id::text, '-', '');
  epoch := coalesce(nullif(current_setting('hexiao.voucher_epoch', true), ''), '0');
  IF current_setting(mark, true) = epoch THEN RETURN NULL; END IF;
  SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) INTO d, c, n
    FROM voucher_lines WHERE tenant_id = NEW.tenant_id AND voucher_id = v_id;
  SELECT total INTO t FROM vouchers WHERE tenant_id = NEW.tenant_id AND id = v_id;
  IF n < 2 OR d <> c OR t IS DISTINCT FROM d THEN
    RAISE EXCEPTION 'hexiao: voucher % does not balance (debit %, credit %, total %, % lines)', v_id, d, c, t, n
      USING ERRCODE = 'check_violation';
  END IF;
  PERFORM set_config(mark, epoch, true);
  RETURN NULL;
END;
$$;
