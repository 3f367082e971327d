-- One rounding-mode vocabulary for every package: a tenant's money rounding takes the rules language's names
-- (half_up, half_even, half_down, up, down, ceiling, floor — those of IEEE 754 and java.math.RoundingMode).

ALTER TABLE tenants DROP CONSTRAINT tenants_rounding_mode_check;

-- the owner running migrations is held to the tenant policies too: lifted for this rename of every tenant's value
-- only, inside this migration's transaction
ALTER TABLE tenants NO FORCE ROW LEVEL SECURITY;

UPDATE tenants
   SET rounding_mode = CASE rounding_mode
                         WHEN 'half-up' THEN 'half_up'
                         WHEN 'half-even' THEN 'half_even'
                         WHEN 'half-down' THEN 'half_down'
                         WHEN 'ceil' THEN 'ceiling'
                         ELSE rounding_mode
                       END;

ALTER TABLE tenants FORCE ROW LEVEL SECURITY;

ALTER TABLE tenants
  ALTER COLUMN rounding_mode SET DEFAULT 'half_up',
  ADD CONSTRAINT tenants_rounding_mode_check
      CHECK (rounding_mode IN ('half_up', 'half_even', 'half_down', 'up', 'down', 'ceiling', 'floor'));
