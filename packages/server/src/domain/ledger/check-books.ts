import { readVouchers, type StoredVoucher } from './stored-vouchers.ts';
import type { Executor } from '../../store/db.ts';
import { allDocuments } from '../../store/repos/documents.ts';
import { allOpenItems } from '../../store/repos/open-items.ts';
import { listSettlements } from '../../store/repos/settlements.ts';
import { verifyLedger, type LedgerSnapshot } from './verify-ledger.ts';

export interface BooksReport {
  ok: boolean;
  documents: number;
  vouchers: number;
  settlements: number;
  violations: string[];
}

/** Reads a tenant's whole ledger from the database. */
export async function readLedger(db: Executor, tenantId: string): Promise<LedgerSnapshot> {
  const vouchers: StoredVoucher[] = [];
  for (let page = await readVouchers(db, tenantId, { limit: 1000 }); page.length;) {
    vouchers.push(...page);
    const last = page[page.length - 1]!;
    page =
      page.length < 1000
        ? []
        : await readVouchers(db, tenantId, { limit: 1000, after: { period: last.period, number: last.number } });
  }
  return {
    documents: await allDocuments(db, tenantId),
    openItems: await allOpenItems(db, tenantId),
    vouchers,
    settlements: await listSettlements(db, tenantId, { limit: 1_000_000 }),
  };
}

/** Checks a tenant's books in the database (see verifyLedger): the `hexiao` CLI and the tests call it. */
export async function checkBooks(db: Executor, tenantId: string): Promise<BooksReport> {
  const s = await readLedger(db, tenantId);
  const violations = verifyLedger(s);
  return {
    ok: violations.length === 0,
    documents: s.documents.length,
    vouchers: s.vouchers.length,
    settlements: s.settlements.length,
    violations,
  };
}
