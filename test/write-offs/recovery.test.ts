import { describe, expect, it } from 'vitest';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { ledgerSetup, linesOf } from '../ledger/setup.ts';
import { checkBooks, postDocument, postWriteOff } from '../../packages/server/src/domain/ledger/index.ts';
import { postRecovery, recoveryCandidates } from '../../packages/server/src/domain/recoveries/index.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { insertDefinition } from '../../packages/server/src/store/repos/definitions.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';
import { invoice, provide, type Setup } from './setup.ts';

const open = async (s: Setup, id: string) => {
  const o = (await getOpenItems(s.database.db, s.tenant.id, [id])).get(id)!;
  return { open: dec(o.openAmount).toFixed(2), status: o.status };
};

const receipt = (s: Setup, customerId: string | null, amount: string, currency = 'CNY', fxRate?: string) =>
  postDocument(s.deps, s.ctx, {
    type: 'receipt',
    customerId,
    currency,
    amount,
    fxRate,
    documentDate: '2026-12-01',
  });

/** 200,000 provided in full and written off as bad in June. */
async function writtenOff(s: Setup, customerId: string, amount = '200000.00') {
  const inv = await invoice(s, customerId, amount);
  await provide(s, customerId, amount);
  const w = await postWriteOff(s.deps, s.ctx, {
    kind: 'bad-debt',
    items: [{ documentId: inv.document.id }],
    reason: 'customer insolvent',
    postingDate: '2026-06-15',
  });
  return { inv, writeOff: w.items[0]!.document };
}

const allowance = async (s: Setup, customerId: string) =>
  (
    await rows<{ b: string }>(
      s.database.db,
      sql`SELECT coalesce(sum(credit - debit), 0)::text AS b FROM voucher_lines
          WHERE tenant_id = ${s.tenant.id} AND account_code = '1231' AND customer_id = ${customerId}`,
    )
  )[0]!.b;

const documentCount = async (s: Setup) =>
  Number(
    (
      await rows<{ n: string }>(
        s.database.db,
        sql`SELECT count(*) AS n FROM ledger_documents WHERE tenant_id = ${s.tenant.id}`,
      )
    )[0]!.n,
  );

describe('recovery of a written-off debt (坏账收回), to the cent', () => {
  it('reinstate: 200,000 written off in June, recovered in December — Dr 1122 / Cr 1231, then the receipt settles it', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const { inv, writeOff } = await writtenOff(s, c!);
    expect(await allowance(s, c!)).toMatch(/^0(\.0+)?$/);
    const cash = await receipt(s, c!, '200000.00');
    const r = await postRecovery(s.deps, s.ctx, {
      writeOffId: writeOff.id,
      receiptId: cash.document.id,
      postingDate: '2026-12-01',
      reason: 'liquidator paid out in full',
    });
    expect(r.policy).toBe('reinstate');
    expect(r.policySource).toEqual({ kind: 'default' });
    expect(linesOf(r.voucher)).toEqual([
      ['1122', '200000.00', ''],
      ['1231', '', '200000.00'],
    ]);
    expect(linesOf(r.settlementVoucher!)).toEqual([
      ['2241', '200000.00', ''],
      ['1122', '', '200000.00'],
    ]);
    expect([r.recovery.docType, r.recovery.relatedId, r.receivableId]).toEqual([
      'recovery',
      writeOff.id,
      inv.document.id,
    ]);
    expect(r.writeOff).toMatchObject({ amount: '200000', recovered: '200000' });
    expect(await open(s, r.recovery.id)).toEqual({ open: '0.00', status: 'settled' });
    expect(await open(s, cash.document.id)).toEqual({ open: '0.00', status: 'settled' });
    // the allowance is back; the next provisioning run releases what no open receivable needs
    expect(dec(await allowance(s, c!)).toFixed(2)).toBe('200000.00');
    expect(await recoveryCandidates(s.database.db, s.tenant.id, [c!])).toEqual([]);
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('income: the same recovery under the tenant policy income goes to non-operating income — Dr 1122 / Cr 6301', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const { writeOff } = await writtenOff(s, c!);
    await insertDefinition(s.database.db, {
      tenantId: s.tenant.id,
      id: newId(),
      kind: 'provision-plan',
      key: 'plan',
      version: 2,
      status: 'published',
      document: { mode: 'allowance', recovery: { policy: 'income' } },
      contentHash: 'x'.repeat(64),
      publishedAt: new Date().toISOString(),
    } as never);
    const cash = await receipt(s, c!, '200000.00');
    const r = await postRecovery(s.deps, s.ctx, {
      writeOffId: writeOff.id,
      receiptId: cash.document.id,
      postingDate: '2026-12-01',
      reason: 'paid after the court ruling',
    });
    expect([r.policy, r.policySource]).toEqual(['income', { kind: 'provision-plan', key: 'plan', version: 2 }]);
    expect(linesOf(r.voucher)).toEqual([
      ['1122', '200000.00', ''],
      ['6301', '', '200000.00'],
    ]);
    expect(await allowance(s, c!)).toMatch(/^0(\.0+)?$/);
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('recovers in parts and never more than was written off; the receipt keeps what the recovery did not take', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const { writeOff } = await writtenOff(s, c!);
    const first = await receipt(s, c!, '120000.00');
    await postRecovery(s.deps, s.ctx, {
      writeOffId: writeOff.id,
      receiptId: first.document.id,
      postingDate: '2026-12-01',
      reason: 'first instalment',
    });
    expect(await recoveryCandidates(s.database.db, s.tenant.id, [c!])).toMatchObject([
      { writeOffId: writeOff.id, writtenOff: '200000', recovered: '120000', left: '80000' },
    ]);
    const second = await receipt(s, c!, '100000.00');
    const before = await documentCount(s);
    await expect(
      postRecovery(s.deps, s.ctx, {
        writeOffId: writeOff.id,
        receiptId: second.document.id,
        amount: '80000.01',
        postingDate: '2026-12-01',
        reason: 'too much',
      }),
    ).rejects.toMatchObject({
      type: 'invalid_data',
      errors: [{ pointer: '/amount', reason: expect.stringMatching(/more than .* left to recover/) }],
    });
    expect(await documentCount(s)).toBe(before);
    // amount omitted: what is left (80,000), the receipt keeps 20,000 open
    const r = await postRecovery(s.deps, s.ctx, {
      writeOffId: writeOff.id,
      receiptId: second.document.id,
      postingDate: '2026-12-01',
      reason: 'final instalment',
    });
    expect(r.recovery.amount).toBe('80000');
    expect(r.writeOff.recovered).toBe('200000');
    expect(await open(s, second.document.id)).toEqual({ open: '20000.00', status: 'partial' });
    await expect(
      postRecovery(s.deps, s.ctx, {
        writeOffId: writeOff.id,
        receiptId: second.document.id,
        postingDate: '2026-12-01',
        reason: 'again',
      }),
    ).rejects.toMatchObject({
      errors: [{ pointer: '/writeOffId', reason: expect.stringMatching(/recovered in full/) }],
    });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });

  it('refuses a receipt of another customer, a small-balance write-off, a receipt smaller than the amount, and a non-receipt', async () => {
    const s = await ledgerSetup(2);
    const [a, b] = s.customers;
    const { inv, writeOff } = await writtenOff(s, a!);
    const other = await receipt(s, b!, '200000.00');
    const small = await receipt(s, a!, '100.00');
    const before = await documentCount(s);
    const attempt = (receiptId: string, extra: Record<string, string> = {}, writeOffId = writeOff.id) =>
      postRecovery(s.deps, s.ctx, { writeOffId, receiptId, postingDate: '2026-12-01', reason: 'r', ...extra });
    await expect(attempt(other.document.id)).rejects.toMatchObject({
      errors: [{ pointer: '/receiptId', reason: expect.stringMatching(/another customer/) }],
    });
    await expect(attempt(small.document.id, { amount: '150.00' })).rejects.toMatchObject({
      errors: [{ pointer: '/amount', reason: expect.stringMatching(/more than .* has open/) }],
    });
    await expect(attempt(inv.document.id)).rejects.toMatchObject({
      errors: [{ pointer: '/receiptId', reason: expect.stringMatching(/is not a receipt/) }],
    });
    await expect(attempt(small.document.id, {}, inv.document.id)).rejects.toMatchObject({
      errors: [{ pointer: '/writeOffId', reason: expect.stringMatching(/is not a write-off/) }],
    });
    const tiny = await invoice(s, a!, '0.93');
    const sb = await postWriteOff(s.deps, s.ctx, {
      kind: 'small-balance',
      items: [{ documentId: tiny.document.id }],
      reason: 'rounding left over',
      postingDate: '2026-06-15',
    });
    await expect(attempt(small.document.id, {}, sb.items[0]!.document.id)).rejects.toMatchObject({
      errors: [{ pointer: '/writeOffId', reason: expect.stringMatching(/small balance/) }],
    });
    expect(await documentCount(s)).toBe(before + 2);
  });

  it('an unidentified receipt (no customer) recovers the debt; a USD receipt for a CNY write-off needs its own amount', async () => {
    const s = await ledgerSetup();
    const [c] = s.customers;
    const { writeOff } = await writtenOff(s, c!, '7100.00');
    const usd = await receipt(s, null, '1000.00', 'USD', '7.1');
    await expect(
      postRecovery(s.deps, s.ctx, {
        writeOffId: writeOff.id,
        receiptId: usd.document.id,
        postingDate: '2026-12-01',
        reason: 'paid in dollars',
      }),
    ).rejects.toMatchObject({ errors: [{ pointer: '/receiptAmount' }] });
    const r = await postRecovery(s.deps, s.ctx, {
      writeOffId: writeOff.id,
      receiptId: usd.document.id,
      receiptAmount: '1000.00',
      postingDate: '2026-12-01',
      reason: 'paid in dollars',
    });
    expect(linesOf(r.voucher)).toEqual([
      ['1122', '7100.00', ''],
      ['1231', '', '7100.00'],
    ]);
    expect(await open(s, usd.document.id)).toEqual({ open: '0.00', status: 'settled' });
    expect((await checkBooks(s.database.db, s.tenant.id)).violations).toEqual([]);
  });
});
