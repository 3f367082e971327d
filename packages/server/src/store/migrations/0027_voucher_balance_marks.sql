-- The once-per-voucher marks of 0016 were one transaction-local setting per voucher (hexiao.vb_<id>). A setting's
-- value is local, but PostgreSQL keeps every setting name it has seen for the rest of the session, and before
-- version 16 each new name re-sorts the session's whole list and every commit walks it: a pooled connection that
-- had posted 40,000 vouchers spent most of each posting in COMMIT. The marks now live in 256 fixed slots chosen
-- by the voucher id's hash; a slot remembers one voucher and the line-insert epoch it was checked at. Two
-- vouchers sharing a slot only cost a second check, never a skipped one: a firing skips only when its own
-- voucher was checked at the current epoch.

CREATE OR REPLACE FUNCTION hexiao_voucher_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid;
  d numeric;
  c numeric;
  n integer;
  t numeric;
  slot text;
  mark text;
BEGIN
  IF TG_TABLE_NAME = 'vouchers' THEN v_id := NEW.id; ELSE v_id := NEW.voucher_id; END IF;
  slot := 'hexiao.vb_' || (hashtext(v_id::text) & 255)::text;
  mark := coalesce(nullif(current_setting('hexiao.voucher_epoch', true), ''), '0') || ':' || v_id::text;
  IF current_setting(slot, true) = mark THEN RETURN NULL; END IF;
  SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) INTO d, c, n
    FROM voucher_lines WHERE tenant_id = NEW.tenant_id AND voucher_id = v_id;
  SELECT total INTO t FROM vouchers WHERE tenant_id = NEW.tenant_id AND id = v_id;
  IF n < 2 OR d <> c OR t IS DISTINCT FROM d THEN
    RAISE EXCEPTION 'hexiao: voucher % does not balance (debit %, credit %, total %, % lines)', v_id, d, c, t, n
      USING ERRCODE = 'check_violation';
  END IF;
  PERFORM set_config(slot, mark, true);
  RETURN NULL;
END;
$$;
