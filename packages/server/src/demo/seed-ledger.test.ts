import { describe, expect, it } from 'vitest';
import { ledgerSetup } from '../../../../test/ledger/setup.ts';
import { checkBooks } from '../domain/ledger/index.ts';
import { verifyAudit } from '../domain/audit/index.ts';
import { seedDemoLedger } from './seed-ledger.ts';
import { runMatching } from '../domain/matching/index.ts';

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

  it('leaves receipts for a matching run, whose report a clerk can read', async () => {
    const s = await ledgerSetup(40);
    await seedDemoLedger(s.deps, s.ctx, s.customers, { today: '2026-11-25' });
    const report = await runMatching(s.deps, s.ctx, { postingDate: '2026-11-25' });
    const texts = (es: typeof report.settlements) => es.map((e) => e.reasons.join(' ') + JSON.stringify(e));
    expect(report.counts.auto).toBeGreaterThanOrEqual(5);
    // the known payer's payment that fits nothing exactly waits for the clerk as a suggestion
    expect(report.counts.suggested).toBeGreaterThanOrEqual(1);
    expect(report.settlements.every((e) => e.rule && e.score && e.allocations!.length > 0)).toBe(true);
    // the bank fee is absorbed as such; the two-invoice payment settles both
    expect(
      report.settlements.some((e) => e.adjustments!.some((a) => a.kind === 'bank-fee' && a.amount === '8.50')),
    ).toBe(true);
    expect(report.settlements.some((e) => e.allocations!.length === 2)).toBe(true);
    // what nobody is owed stays unmatched, saying why
    const unmatched = report.unmatched.map((e) => e.receipt.amount);
    expect(unmatched).toEqual(expect.arrayContaining(['4321.09', '8888.00']));
    expect(report.unmatched.every((e) => e.reasons.length > 0 || (e.candidates ?? []).length > 0)).toBe(true);
    expect(texts(report.settlements).join(' ')).toMatch(/INV-/);
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });
});
