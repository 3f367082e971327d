import { describe, expect, it } from 'vitest';
import { ledgerSetup } from '../../../../test/ledger/setup.ts';
import { checkBooks } from '../domain/ledger/index.ts';
import { verifyAudit } from '../domain/audit/index.ts';
import { seedDemoLedger } from './seed-ledger.ts';

describe('demo ledger seed', () => {
  it('gives a tenant invoices, receipts, partial settlements and balanced vouchers, once', async () => {
    const s = await ledgerSetup(3);
    const first = await seedDemoLedger(s.deps, s.ctx, s.customers, { today: '2026-11-25' });
    expect(first.skipped).toBe(false);
    expect(first.documents).toBeGreaterThan(8);
    expect(first.settlements).toBeGreaterThan(1);
    const books = await checkBooks(s.database.db, s.tenant.id);
    expect(books.violations).toEqual([]);
    expect(books.documents).toBe(first.documents);
    expect((await verifyAudit(s.deps, s.tenant.id)).ok).toBe(true);
    expect((await seedDemoLedger(s.deps, s.ctx, s.customers)).skipped).toBe(true);
  });
});
