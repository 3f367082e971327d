-- Lists of what is open today page through open items by due date: with this index a page of 100 reads about
-- 100 rows in order instead of sorting every open item of the tenant (1M rows: hundreds of milliseconds).
CREATE INDEX open_items_due_ix ON open_items (tenant_id, due_date, document_id) WHERE open_amount <> 0;
