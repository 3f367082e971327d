-- The customer's accounts-payable contact: reminder levels with the customer-email channel write to it, and a
-- reminder records the channels it went out on.
ALTER TABLE customers ADD COLUMN billing_email text;
ALTER TABLE reminders DROP CONSTRAINT reminders_channel_check;
ALTER TABLE reminders ADD CONSTRAINT reminders_channel_check
  CHECK (channel IN ('in-app', 'customer-email', 'in-app+customer-email'));
