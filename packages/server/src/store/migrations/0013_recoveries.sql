-- Recovery of a written-off debt (坏账收回): cash later received on a written-off receivable. A recovery is a
-- debit document pointing to the write-off (related_id); its voucher reinstates the receivable against the
-- allowance or takes it to income, and the receipt settles it at once. What a write-off has recovered is
-- the sum of its recoveries, never more than it wrote off (checked under the write-off's lock).

ALTER TABLE ledger_documents DROP CONSTRAINT ledger_documents_doc_type_check;
ALTER TABLE ledger_documents ADD CONSTRAINT ledger_documents_doc_type_check CHECK (doc_type IN (
  'estimate', 'invoice', 'receipt', 'prepayment', 'refund', 'credit-note', 'adjustment',
  'write-off', 'transfer-out', 'transfer-in', 'recovery'));

ALTER TABLE ledger_documents DROP CONSTRAINT ledger_documents_related_check;
ALTER TABLE ledger_documents ADD CONSTRAINT ledger_documents_related_check
  CHECK (related_id IS NOT NULL OR doc_type NOT IN ('write-off', 'transfer-out', 'transfer-in', 'recovery'));

ALTER TABLE settlements DROP CONSTRAINT settlements_kind_check;
ALTER TABLE settlements ADD CONSTRAINT settlements_kind_check
  CHECK (kind IN ('allocation', 'reversal', 'document-reversal', 'write-off', 'transfer', 'recovery'));
