-- Aging as of a date: the documents posted after it and the settlements posted after it are found by range.
CREATE INDEX ledger_documents_posting_ix ON ledger_documents (tenant_id, posting_date);
CREATE INDEX settlements_posting_ix ON settlements (tenant_id, posting_date);
