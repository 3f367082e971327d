-- Write-offs and debt transfers: documents only the ledger's own use-cases create. A write-off (kind
-- bad-debt, small-balance or direct) is settled against the item it writes off at once, so the item leaves
-- the open balance and keeps its history; the write-off points to it (related_id) for a later recovery. A
-- debt transfer is a pair — transfer-out on the old customer (settled against the original) and transfer-in
-- on the new one — each pointing to the other, sharing one voucher.

ALTER TABLE ledger_documents DROP CONSTRAINT ledger_documents_doc_type_check;
ALTER TABLE ledger_documents ADD CONSTRAINT ledger_documents_doc_type_check CHECK (doc_type IN (
  'estimate', 'invoice', 'receipt', 'prepayment', 'refund', 'credit-note', 'adjustment',
  'write-off', 'transfer-out', 'transfer-in'));

ALTER TABLE ledger_documents ADD COLUMN write_off_kind text
  CHECK (write_off_kind IN ('bad-debt', 'small-balance', 'direct'));
ALTER TABLE ledger_documents ADD CONSTRAINT ledger_documents_write_off_kind_present
  CHECK ((doc_type = 'write-off') = (write_off_kind IS NOT NULL));

ALTER TABLE ledger_documents ADD COLUMN related_id uuid;
ALTER TABLE ledger_documents ADD CONSTRAINT ledger_documents_related_fk
  FOREIGN KEY (tenant_id, related_id) REFERENCES ledger_documents (tenant_id, id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ledger_documents ADD CONSTRAINT ledger_documents_related_check
  CHECK (related_id IS NOT NULL OR doc_type NOT IN ('write-off', 'transfer-out', 'transfer-in'));
CREATE INDEX ledger_documents_related_ix ON ledger_documents (tenant_id, related_id) WHERE related_id IS NOT NULL;

ALTER TABLE settlements DROP CONSTRAINT settlements_kind_check;
ALTER TABLE settlements ADD CONSTRAINT settlements_kind_check
  CHECK (kind IN ('allocation', 'reversal', 'document-reversal', 'write-off', 'transfer'));
