-- Opening balances: an invoice brought over from another system with only part of it still open is booked in
-- full, and the part already paid there is an `opening-balance` adjustment settled against it (the built-in chart
-- debits account 3901, opening balance clearing).
ALTER TABLE ledger_documents DROP CONSTRAINT ledger_documents_adjustment_kind_check;
ALTER TABLE ledger_documents ADD CONSTRAINT ledger_documents_adjustment_kind_check CHECK (adjustment_kind IN (
  'discount', 'rebate', 'penalty', 'interest', 'rounding', 'bank-fee', 'opening-balance'));
