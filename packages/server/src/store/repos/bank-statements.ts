import { sql, rows, type Executor } from '../db.ts';

export interface StatementInsert {
  id: string;
  sourceKey: string;
  fileId: string;
  position: unknown;
  accountKey: string;
  bankAccountId: string | null;
  statementId: string;
  sequence: string | null;
  fromDate: string | null;
  toDate: string | null;
  currency: string | null;
  openingBalance: string | null;
  closingBalance: string | null;
  gap: boolean;
  warnings: string[];
}

/** Inserts a statement unless its source key is stored already; true when it was created. */
export async function insertStatement(
  tx: Executor,
  tenantId: string,
  importId: string,
  s: StatementInsert,
): Promise<boolean> {
  const r = await rows(
    tx,
    sql`INSERT INTO bank_statements (tenant_id, id, source_key, import_id, file_id, position, account_key, bank_account_id, statement_id, sequence,
          from_date, to_date, currency, opening_balance, closing_balance, gap, warnings)
        VALUES (${tenantId}, ${s.id}, ${s.sourceKey}, ${importId}, ${s.fileId}, ${JSON.stringify(s.position)}::jsonb, ${s.accountKey}, ${s.bankAccountId},
          ${s.statementId}, ${s.sequence}, ${s.fromDate}, ${s.toDate}, ${s.currency}, ${s.openingBalance}, ${s.closingBalance}, ${s.gap}, ${JSON.stringify(s.warnings)}::jsonb)
        ON CONFLICT (tenant_id, source_key) DO NOTHING RETURNING id`,
  );
  return r.length > 0;
}

/** The closing balance of the latest stored statement of the account ending on or before `date`. */
export async function previousClosing(
  tx: Executor,
  tenantId: string,
  accountKey: string,
  exceptKey: string,
  date: string | null,
) {
  const r = await rows<{ statement_id: string; closing_balance: string | null; to_date: string }>(
    tx,
    sql`SELECT statement_id, closing_balance::text AS closing_balance, to_date::text AS to_date FROM bank_statements
        WHERE tenant_id = ${tenantId} AND account_key = ${accountKey} AND source_key <> ${exceptKey} AND closing_balance IS NOT NULL
          AND (${date}::date IS NULL OR to_date <= ${date}::date)
        ORDER BY to_date DESC NULLS LAST, created_at DESC LIMIT 1`,
  );
  return r[0];
}

export async function statementsOfImport(db: Executor, tenantId: string, importId: string) {
  return rows(
    db,
    sql`SELECT statement_id, account_key, from_date::text AS from_date, to_date::text AS to_date, opening_balance::text AS opening_balance,
    closing_balance::text AS closing_balance, gap, warnings FROM bank_statements WHERE tenant_id = ${tenantId} AND import_id = ${importId} ORDER BY created_at`,
  );
}
