import { describe, expect, it } from 'vitest';
import { sql } from '../../packages/server/src/store/db.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

// Issue 10 #4: a cross-currency settlement's implied rate must lie within the tenant's tolerance of the rate table's
// rate for the settlement date, or the difference would book a write-off as an "FX loss" with no approval.

async function post(t: TestApp, path: string, body: unknown) {
  const r = await t.call('POST', path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function books() {
  const t = await createTestApp();
  const customer = await post(t, '/api/v1/customers', { code: 'C-FX', name: 'Pacific Imports' });
  const invoice = async (amount: string) =>
    (
      await post(t, '/api/v1/receivables', {
        type: 'invoice',
        customerId: customer.id,
        currency: 'CNY',
        amount,
        documentDate: '2026-11-02',
      })
    ).document.id as string;
  const receipt = async (currency: string, amount: string, fxRate?: string) =>
    (
      await post(t, '/api/v1/receipts', {
        customerId: customer.id,
        currency,
        amount,
        documentDate: '2026-11-05',
        ...(fxRate ? { fxRate } : {}),
      })
    ).document.id as string;
  const settle = (debitDocumentId: string, creditDocumentId: string, amount: string, creditAmount: string) =>
    t.call('POST', '/api/v1/settlements', {
      postingDate: '2026-11-05',
      lines: [{ debitDocumentId, creditDocumentId, amount, creditAmount }],
    });
  return { t, invoice, receipt, settle };
}

describe('the implied rate of a cross-currency settlement (issue 10 #4)', () => {
  it('refuses 1.00 USD settling 1,000.00 CNY at a 7.20 rate, naming the implied and expected rates; takes 0.8 % off', async () => {
    const b = await books();
    await post(b.t, '/api/v1/fx-rates', {
      rates: [{ rateDate: '2026-11-01', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.20' }],
    });
    const inv = await b.invoice('1000.00');
    const r = await b.settle(inv, await b.receipt('USD', '1.00'), '1000.00', '1.00');
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.errors[0].pointer).toBe('/lines/0/creditAmount');
    expect(r.body.errors[0].reason).toMatch(/implies 1000 CNY per USD, more than 2 % from the expected 7\.2 /);
    const vouchers = await b.t.call('GET', '/api/v1/vouchers?limit=100');
    expect(vouchers.body.items.filter((v: { sourceType: string }) => v.sourceType === 'settlement')).toEqual([]);
    // 140.00 USD for 1,000.00 CNY implies 7.142857: 0.8 % from 7.20, an FX loss of 8.00
    const ok = await b.settle(inv, await b.receipt('USD', '140.00'), '1000.00', '140.00');
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.settlement.lines[0].fxDifference).toBe('8.00');
  });

  it('follows the tenant setting ledger.fx.settlementRateTolerance', async () => {
    const b = await books();
    await post(b.t, '/api/v1/fx-rates', {
      rates: [{ rateDate: '2026-11-01', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.20' }],
    });
    await b.t.deps.db.execute(
      sql`UPDATE tenants SET settings = ${JSON.stringify({ ledger: { fx: { settlementRateTolerance: '0.005' } } })}::jsonb WHERE tenant_id = ${b.t.tenant.id}`,
    );
    const refused = await b.settle(await b.invoice('1000.00'), await b.receipt('USD', '140.00'), '1000.00', '140.00');
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.errors[0].reason).toMatch(/more than 0\.5 %/);
    const exact = await b.settle(await b.invoice('720.00'), await b.receipt('USD', '100.00'), '720.00', '100.00');
    expect(exact.status, JSON.stringify(exact.body)).toBe(201);
  });

  it("without a rate in the table, checks against the document's own rate", async () => {
    const b = await books();
    const rct = await b.receipt('EUR', '100.00', '7.80');
    const refused = await b.settle(await b.invoice('900.00'), rct, '900.00', '100.00');
    expect(refused.status, JSON.stringify(refused.body)).toBe(422);
    expect(refused.body.errors[0].reason).toMatch(/EUR: receipt .*rate 7\.8/);
    const ok = await b.settle(await b.invoice('780.00'), rct, '780.00', '100.00');
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});
