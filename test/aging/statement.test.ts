import { describe, expect, it } from 'vitest';
import { ledgerSetup } from '../ledger/setup.ts';
import { customerStatement } from '../../packages/server/src/domain/statements/index.ts';
import { reverseDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { pdfPages } from '../support/pdf-text.ts';
import { createTestApp } from '../support/test-app.ts';
import { invoice, pay } from './setup.ts';

describe('statement of account', () => {
  it('opening balance, documents with a running balance, closing balance, allocations and aging, to the cent', async () => {
    const s = await ledgerSetup(2);
    const [c1, c2] = s.customers as [string, string];
    const inv0 = await invoice(s, c1, 'INV-0', '500.00', '2026-02-10', '2026-03-12');
    await pay(s, c1, inv0, '200.00', '2026-02-20', 'RCT-0');
    await invoice(s, c1, 'INV-1', '1000.00', '2026-03-05', '2026-04-04');
    await pay(s, c1, inv0, '300.00', '2026-03-10', 'RCT-1');
    await invoice(s, c1, 'INV-2', '250.50', '2026-03-15', '2026-03-20');
    const inv3 = await invoice(s, c1, 'INV-3', '99.99', '2026-03-16', '2026-04-15');
    await reverseDocument(s.deps, s.ctx, { documentId: inv3, reason: 'billed twice', postingDate: '2026-03-18' });
    await invoice(s, c1, 'INV-4', '70.00', '2026-04-02', '2026-05-02'); // after the period
    await invoice(s, c2, 'OTHER', '9.99', '2026-03-05', '2026-04-04'); // another customer

    const st = await customerStatement(s.database.db, s.ctx, c1, { from: '2026-03-01', to: '2026-03-31' });
    expect(st.sections).toHaveLength(1);
    const sec = st.sections[0]!;
    expect(sec.opening).toBe('300.00');
    expect(sec.lines.map((l) => [l.postingDate, l.docType, l.debit, l.credit, l.balance])).toEqual([
      ['2026-03-05', 'invoice', '1000.00', null, '1300.00'],
      ['2026-03-10', 'receipt', null, '300.00', '1000.00'],
      ['2026-03-15', 'invoice', '250.50', null, '1250.50'],
      ['2026-03-16', 'invoice', '99.99', null, '1350.49'],
      ['2026-03-18', 'invoice', null, '99.99', '1250.50'],
    ]);
    expect(sec.lines.map((l) => l.number).slice(0, 4)).toEqual(['INV-1', 'RCT-1', 'INV-2', 'INV-3']);
    expect(sec.lines[4]!.reverses).toBe('INV-3');
    expect([sec.debits, sec.credits, sec.closing]).toEqual(['1350.49', '399.99', '1250.50']);
    // what is open at the end ages to the closing balance: INV-1 not due, INV-2 11 days past due
    expect(sec.aging!.buckets.slice(0, 2)).toEqual(['1000.00', '250.50']);
    expect(sec.aging!.total).toBe(sec.closing);
    expect(st.settlements.map((x) => [x.postingDate, x.kind, x.invoice, x.payment, x.amount])).toEqual([
      ['2026-03-10', 'allocation', 'INV-0', 'RCT-1', '300.00'],
      ['2026-03-18', 'document-reversal', 'INV-3', sec.lines[4]!.number, '99.99'],
    ]);
    // the next period opens where this one closed
    const next = await customerStatement(s.database.db, s.ctx, c1, { from: '2026-04-01', to: '2026-04-30' });
    expect(next.sections[0]!.opening).toBe('1250.50');
    expect(next.sections[0]!.closing).toBe('1320.50');
  });

  it('over the API: JSON and print-ready HTML; outside the caller scope 404; bad periods refused', async () => {
    const t = await createTestApp();
    const make = async (code: string, salesOwner: string) =>
      (await t.call('POST', '/api/v1/customers', { code, name: `华东 & <客户> ${code}`, salesOwner })).body
        .id as string;
    const mine = await make('S-1', 'rep.statement@example.test');
    const theirs = await make('S-2', 'other@example.test');
    const r = await t.call(
      'POST',
      '/api/v1/receivables',
      {
        type: 'invoice',
        number: 'INV-1',
        customerId: mine,
        currency: 'CNY',
        amount: '88.80',
        documentDate: '2026-03-02',
        postingDate: '2026-03-02',
        dueDate: '2026-04-01',
      },
      { 'idempotency-key': 'st-1' },
    );
    expect(r.status).toBe(201);
    const json = await t.call('GET', `/api/v1/customers/${mine}/statement?from=2026-03-01&to=2026-03-31`);
    expect(json.status).toBe(200);
    expect(json.body.sections[0]).toMatchObject({ currency: 'CNY', opening: '0.00', closing: '88.80' });
    const page = await t.call(
      'GET',
      `/api/v1/customers/${mine}/statement?from=2026-03-01&to=2026-03-31&format=html&lang=zh`,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const text = String(page.body);
    expect(text).toContain('对账单');
    expect(text).toContain('华东 &amp; &lt;客户&gt; S-1'); // escaped
    expect(text).not.toContain('<客户>');
    expect(text).toContain('INV-1');
    expect(text).toMatch(/<td class="n">88\.80<\/td>/);

    // as a PDF: Noto Sans SC embedded (a subset), and the Chinese text reads back as its characters
    const res = await t.app.request(
      `/api/v1/customers/${mine}/statement?from=2026-03-01&to=2026-03-31&format=pdf&lang=zh`,
      { headers: { authorization: `Bearer ${t.token}` } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="statement-S-1-2026-03-31.pdf"');
    const pdf = new Uint8Array(await res.arrayBuffer());
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toContain('/FontFile2');
    const pages = await pdfPages(pdf);
    const all = pages.join('\n');
    for (const text of ['对账单', '华东 & <客户> S-1', 'INV-1', '88.80', '期初余额', '期末余额', '账龄（截至期末）'])
      expect(all, `${text} in ${all}`).toContain(text);
    expect(pages.at(-1)).toContain(`第 ${pages.length} / ${pages.length} 页`);
    const en = await t.app.request(
      `/api/v1/customers/${mine}/statement?from=2026-03-01&to=2026-03-31&format=pdf&lang=en`,
      { headers: { authorization: `Bearer ${t.token}` } },
    );
    expect((await pdfPages(new Uint8Array(await en.arrayBuffer()))).join('\n')).toContain('Statement of account');

    const rep = await t.userToken(['sales-rep'], {}, 'rep.statement@example.test');
    const as = { authorization: `Bearer ${rep}` };
    expect((await t.call('GET', `/api/v1/customers/${mine}/statement?to=2026-03-31`, undefined, as)).status).toBe(200);
    const hidden = await t.call('GET', `/api/v1/customers/${theirs}/statement?to=2026-03-31`, undefined, as);
    expect(hidden.status).toBe(404);
    expect((await t.call('GET', `/api/v1/customers/00000000-0000-4000-8000-000000000000/statement`)).status).toBe(404);
    for (const [q, pointer] of [
      ['from=2026-04-01&to=2026-03-01', '/query/from'],
      ['to=2999-01-01', '/query/to'],
      ['from=2026-13-01', '/query/from'],
      ['format=docx', '/query/format'],
    ] as const) {
      const bad = await t.call('GET', `/api/v1/customers/${mine}/statement?${q}`);
      expect(bad.status, q).toBe(422);
      expect(
        bad.body.errors.map((e: { pointer: string }) => e.pointer),
        q,
      ).toContain(pointer);
    }
  });
});
