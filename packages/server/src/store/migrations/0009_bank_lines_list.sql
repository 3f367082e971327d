-- GET /api/v1/bank-lines pages newest first by (booking date, id).
CREATE INDEX bank_lines_booking_ix ON bank_lines (tenant_id, booking_date DESC, id DESC);
