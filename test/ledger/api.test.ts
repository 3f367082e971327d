import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

async function setup() {
  const t = await createTestApp();
  const customer = await t.call('POST', '/api/v1/customers', {
    code: `C-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Acme Trading',
  });
  expect(customer.status).toBe(201);
  return { t, customerId: customer.body.id as string };
}

const invoice = (customerId: string, extra: object = {}) => ({
  type: 'invoice',
  customerId,
  currency: 'CNY',
  amount: '1130.00',
  taxAmount: '130.00',
  documentDate: '2026-11-02',
  ...extra,
});

async function expectProblem(
  t: TestApp,
  method: string,
  path: string,
  body: unknown,
  status: number,
  pointer: string,
  headers?: Record<string, string>,
) {
  const r = await t.call(method, path, body, headers);
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect((r.body.errors ?? []).map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  return r;
}

describe('ledger API', () => {
  it('posts an invoice and a receipt, allocates, browses vouchers and exports them', async () => {
    const { t, customerId } = await setup();
    const inv = await t.call('POST', '/api/v1/receivables', invoice(customerId, { number: 'INV-100' }));
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    expect(inv.body.document).toMatchObject({
      number: 'INV-100',
      amount: '1130.00',
      taxAmount: '130.00',
      baseAmount: '1130.00',
      openAmount: '1130.00',
      status: 'open',
      side: 'debit',
    });
    expect(
      inv.body.voucher.lines.map((l: { accountCode: string; debit: string; credit: string }) => [
        l.accountCode,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['1122', '1130.00', '0.00'],
      ['6001', '0.00', '1000.00'],
      ['2221', '0.00', '130.00'],
    ]);
    const rct = await t.call('POST', '/api/v1/receipts', {
      currency: 'CNY',
      amount: '500.00',
      documentDate: '2026-11-05',
    });
    expect(rct.status).toBe(201);
    expect(rct.body.document).toMatchObject({ type: 'receipt', customerId: null, side: 'credit' });
    const st = await t.call('POST', '/api/v1/settlements', {
      postingDate: '2026-11-06',
      lines: [{ debitDocumentId: inv.body.document.id, creditDocumentId: rct.body.document.id, amount: '500.00' }],
    });
    expect(st.status, JSON.stringify(st.body)).toBe(201);
    expect(st.body.settlement).toMatchObject({
      kind: 'allocation',
      lines: [
        {
          debitAmount: '500.00',
          creditAmount: '500.00',
          debitBaseAmount: '500.00',
          fxDifference: '0.00',
          debitDocument: { number: 'INV-100' },
        },
      ],
    });
    const detail = await t.call('GET', `/api/v1/receivables/${inv.body.document.id}`);
    expect(detail.body).toMatchObject({ openAmount: '630.00', status: 'partial' });
    expect(detail.body.settlementLines).toHaveLength(1);
    const list = await t.call('GET', '/api/v1/vouchers?period=2026-11');
    expect(list.body.items.map((v: { voucherNo: string }) => v.voucherNo)).toEqual([
      '2026-11-000001',
      '2026-11-000002',
      '2026-11-000003',
    ]);
    const csv = await t.call('GET', '/api/v1/vouchers/export?period=2026-11&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(String(csv.body).split('\r\n')[0]).toMatch(/^voucher_no,voucher_date,period,line_no,account_code/);
    expect(String(csv.body)).toContain('2026-11-000001,2026-11-02,2026-11,1,1122,Accounts receivable,1130.00,0.00,CNY');
    const json = await t.call('GET', '/api/v1/vouchers/export?period=2026-11&format=json');
    expect(json.body.vouchers).toHaveLength(3);
    expect((await t.call('GET', '/api/v1/ledger/check')).body).toMatchObject({
      ok: true,
      documents: 2,
      vouchers: 3,
      settlements: 1,
      violations: [],
    });
    const open = await t.call('GET', `/api/v1/open-items?customerId=${customerId}`);
    expect(open.body.items.map((o: { openAmount: string }) => o.openAmount)).toEqual(['630.00']);
    const rev = await t.call('POST', `/api/v1/settlements/${st.body.settlement.id}/reversal`, {
      reason: 'wrong invoice',
      postingDate: '2026-11-07',
    });
    expect(rev.status).toBe(201);
    await expectProblem(
      t,
      'POST',
      `/api/v1/settlements/${st.body.settlement.id}/reversal`,
      { reason: 'again', postingDate: '2026-11-07' },
      409,
      '/settlementId',
    );
  });

  it('refuses every bad input with problem+json naming the field, and writes nothing', async () => {
    const { t, customerId } = await setup();
    await expectProblem(t, 'POST', '/api/v1/receivables', invoice(customerId, { currency: 'XXX' }), 422, '/currency');
    await expectProblem(t, 'POST', '/api/v1/receivables', invoice(customerId, { currency: 'usd' }), 422, '/currency');
    await expectProblem(t, 'POST', '/api/v1/receivables', invoice(customerId, { amount: '0' }), 422, '/amount');
    await expectProblem(t, 'POST', '/api/v1/receivables', invoice(customerId, { amount: '-10.00' }), 422, '/amount');
    await expectProblem(t, 'POST', '/api/v1/receivables', invoice(customerId, { amount: 10 }), 422, '/amount');
    await expectProblem(t, 'POST', '/api/v1/receivables', invoice(customerId, { amount: '1.001' }), 422, '/amount');
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      invoice('0190a0a0-0000-7000-8000-000000000000'),
      422,
      '/customerId',
    );
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { custom: { color: 'red' } }),
      422,
      '/custom',
    );
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { documentDate: '2026-02-30' }),
      422,
      '/documentDate',
    );
    await expectProblem(t, 'POST', '/api/v1/receivables', invoice(customerId, { surprise: 1 }), 422, '/surprise');
    await expectProblem(t, 'POST', '/api/v1/receivables', invoice(customerId, { currency: 'USD' }), 422, '/fxRate');
    const inv = await t.call(
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { amount: '100.00', taxAmount: '0.00' }),
    );
    const rct = await t.call('POST', '/api/v1/receipts', {
      customerId,
      currency: 'CNY',
      amount: '40.00',
      documentDate: '2026-11-03',
    });
    await expectProblem(
      t,
      'POST',
      '/api/v1/settlements',
      {
        postingDate: '2026-11-04',
        lines: [{ debitDocumentId: inv.body.document.id, creditDocumentId: rct.body.document.id, amount: '40.01' }],
      },
      422,
      '/lines/0/amount',
    );
    await expectProblem(t, 'POST', `/api/v1/receivables/${inv.body.document.id}/reversal`, {}, 422, '/reason');
    const red = await t.call('POST', `/api/v1/receivables/${inv.body.document.id}/reversal`, {
      reason: 'duplicate',
      postingDate: '2026-11-04',
    });
    expect(red.status, JSON.stringify(red.body)).toBe(201);
    await expectProblem(
      t,
      'POST',
      `/api/v1/receivables/${inv.body.document.id}/reversal`,
      { reason: 'again', postingDate: '2026-11-04' },
      409,
      '/documentId',
    );
    const closed = await t.call('POST', '/api/v1/periods/2026-10/close');
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { documentDate: '2026-10-15' }),
      422,
      '/postingDate',
    );
    const vouchers = await t.call('GET', '/api/v1/vouchers');
    expect(vouchers.body.items).toHaveLength(3); // invoice, receipt, reversal: nothing from the refusals
  });

  it('honours Idempotency-Key: replay, mismatch, and no double posting', async () => {
    const { t, customerId } = await setup();
    const key = { 'idempotency-key': 'inv-2026-11-0001' };
    const a = await t.call('POST', '/api/v1/receivables', invoice(customerId), key);
    const b = await t.call('POST', '/api/v1/receivables', invoice(customerId), key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('idempotency-replayed')).toBe('true');
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { amount: '1131.00' }),
      422,
      '/headers/idempotency-key',
      key,
    );
    const list = await t.call('GET', '/api/v1/receivables');
    expect(list.body.items).toHaveLength(1);
    // the same key on another route is another scope
    const r = await t.call(
      'POST',
      '/api/v1/receipts',
      { customerId, currency: 'CNY', amount: '1.00', documentDate: '2026-11-02' },
      key,
    );
    expect(r.status).toBe(201);
    // a refused request stores no key: the corrected retry posts
    const k2 = { 'idempotency-key': 'retry-me' };
    await expectProblem(t, 'POST', '/api/v1/receivables', invoice(customerId, { amount: '0' }), 422, '/amount', k2);
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { currency: 'JPY', amount: '10', taxAmount: '1' }),
      422,
      '/fxRate',
      k2,
    );
  });

  it('needs the ledger permissions', async () => {
    const { t, customerId } = await setup();
    const rep = await t.userToken(['sales-rep']);
    const r = await t.call('POST', '/api/v1/receivables', invoice(customerId), { authorization: `Bearer ${rep}` });
    expect(r.status).toBe(403);
    const list = await t.call('GET', '/api/v1/receivables', undefined, { authorization: `Bearer ${rep}` });
    expect(list.status).toBe(200);
    const v = await t.call('GET', '/api/v1/vouchers', undefined, { authorization: `Bearer ${rep}` });
    expect(v.status).toBe(403);
  });

  it('checks custom fields against the published receivable object type', async () => {
    const { t, customerId } = await setup();
    const draft = await t.call('PUT', '/api/v1/definitions/object-type/project-invoice/draft', {
      document: {
        appliesTo: 'receivable',
        fields: {
          type: 'object',
          properties: { projectCode: { type: 'string', pattern: '^P-[0-9]{4}$' } },
          required: ['projectCode'],
        },
      },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    expect((await t.call('POST', '/api/v1/definitions/object-type/project-invoice/publish')).status).toBe(200);
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { objectType: 'project-invoice', custom: { projectCode: 'nope' } }),
      422,
      '/custom/projectCode',
    );
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { objectType: 'project-invoice', custom: {} }),
      422,
      '/custom/projectCode',
    );
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { objectType: 'no-such-type' }),
      422,
      '/objectType',
    );
    const ok = await t.call(
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { objectType: 'project-invoice', custom: { projectCode: 'P-0042' } }),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.document).toMatchObject({ objectType: 'project-invoice', custom: { projectCode: 'P-0042' } });
  });

  it('lists the ledger routes in the OpenAPI document', async () => {
    const { t } = await setup();
    const doc = await t.call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    for (const p of [
      '/api/v1/receivables',
      '/api/v1/receipts',
      '/api/v1/settlements',
      '/api/v1/vouchers',
      '/api/v1/vouchers/export',
      '/api/v1/fx-rates',
      '/api/v1/periods',
      '/api/v1/company-bank-accounts',
    ])
      expect(Object.keys(doc.body.paths), p).toContain(p);
  });

  it('maps company bank accounts to GL accounts and uses them on receipts; FX rates feed USD postings', async () => {
    const { t, customerId } = await setup();
    await expectProblem(
      t,
      'POST',
      '/api/v1/company-bank-accounts',
      { code: 'X1', name: 'x', accountNumber: '1', currency: 'CNY', glAccount: '9999' },
      422,
      '/glAccount',
    );
    const bank = await t.call('POST', '/api/v1/company-bank-accounts', {
      code: 'ICBC-1',
      name: 'ICBC',
      accountNumber: '6222 0000 1111',
      currency: 'CNY',
      glAccount: '1002',
    });
    expect(bank.status, JSON.stringify(bank.body)).toBe(201);
    const rct = await t.call('POST', '/api/v1/receipts', {
      customerId,
      bankAccountId: bank.body.id,
      currency: 'CNY',
      amount: '88.00',
      documentDate: '2026-11-09',
    });
    expect(rct.status, JSON.stringify(rct.body)).toBe(201);
    expect(rct.body.document.bankAccountId).toBe(bank.body.id);
    expect(rct.body.voucher.lines[0]).toMatchObject({ accountCode: '1002', debit: '88.00' });
    const rates = await t.call('POST', '/api/v1/fx-rates', {
      rates: [{ rateDate: '2026-11-01', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.1234' }],
    });
    expect(rates.status).toBe(201);
    await expectProblem(
      t,
      'POST',
      '/api/v1/fx-rates',
      { rates: [{ rateDate: '2026-11-01', fromCurrency: 'USD', toCurrency: 'CNY', rate: '7.2' }] },
      409,
      '/rates/0',
    );
    const usd = await t.call(
      'POST',
      '/api/v1/receivables',
      invoice(customerId, { currency: 'USD', amount: '100.00', taxAmount: '0.00', documentDate: '2026-11-09' }),
    );
    expect(usd.status, JSON.stringify(usd.body)).toBe(201);
    expect(usd.body.document).toMatchObject({ fxRate: '7.1234', baseAmount: '712.34', baseCurrency: 'CNY' });
    expect((await t.call('GET', '/api/v1/periods')).body.items.map((p: { period: string }) => p.period)).toEqual([
      '2026-11',
    ]);
  });

  it('posts credit notes, adjustments, prepayments and refunds on their natural sides', async () => {
    const { t, customerId } = await setup();
    const post = (path: string, body: object) =>
      t.call('POST', `/api/v1/${path}`, { customerId, currency: 'CNY', documentDate: '2026-11-04', ...body });
    const cn = await post('receivables', { type: 'credit-note', amount: '113.00', taxAmount: '13.00' });
    expect(cn.status, JSON.stringify(cn.body)).toBe(201);
    expect(cn.body.document.side).toBe('credit');
    expect(
      cn.body.voucher.lines.map((l: { accountCode: string; debit: string; credit: string }) => [
        l.accountCode,
        l.debit,
        l.credit,
      ]),
    ).toEqual([
      ['6001', '100.00', '0.00'],
      ['2221', '13.00', '0.00'],
      ['1122', '0.00', '113.00'],
    ]);
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      { type: 'adjustment', customerId, currency: 'CNY', amount: '5.00', documentDate: '2026-11-04' },
      422,
      '/adjustmentKind',
    );
    await expectProblem(
      t,
      'POST',
      '/api/v1/receivables',
      { type: 'invoice', side: 'credit', customerId, currency: 'CNY', amount: '5.00', documentDate: '2026-11-04' },
      422,
      '/side',
    );
    await expectProblem(
      t,
      'POST',
      '/api/v1/receipts',
      { type: 'receipt', taxAmount: '1.00', customerId, currency: 'CNY', amount: '5.00', documentDate: '2026-11-04' },
      422,
      '/taxAmount',
    );
    const penalty = await post('receivables', { type: 'adjustment', adjustmentKind: 'penalty', amount: '20.00' });
    expect(penalty.body.document).toMatchObject({ side: 'debit', adjustmentKind: 'penalty' });
    const rounding = await post('receivables', {
      type: 'adjustment',
      adjustmentKind: 'rounding',
      side: 'credit',
      amount: '0.01',
    });
    expect(rounding.body.document.side).toBe('credit');
    const pre = await post('receipts', { type: 'prepayment', amount: '500.00' });
    expect(pre.body.voucher.lines.map((l: { accountCode: string }) => l.accountCode)).toEqual(['1002', '2203']);
    const refund = await post('receipts', { type: 'refund', amount: '200.00' });
    expect(refund.body.document.side).toBe('debit');
    const st = await t.call('POST', '/api/v1/settlements', {
      postingDate: '2026-11-05',
      lines: [{ debitDocumentId: refund.body.document.id, creditDocumentId: pre.body.document.id, amount: '200.00' }],
    });
    expect(st.status, JSON.stringify(st.body)).toBe(201);
    expect((await t.call('GET', '/api/v1/ledger/check')).body.violations).toEqual([]);
  });
});
