import { beforeAll, describe, expect, it } from 'vitest';
import { as, requestApp } from './api-setup.ts';

let t: Awaited<ReturnType<typeof requestApp>>;
let clerk: string;

beforeAll(async () => {
  t = await requestApp();
  clerk = await t.userToken(['clerk']);
}, 300_000);

describe('screens over open receivables', () => {
  it('list the write-off candidates their rule names, and start the form for a selection, prefilled', async () => {
    const bankrupt = await t.customer('苏州破产机械', { inLiquidation: true, orgUnit: 'East' });
    const disputed = await t.customer('杭州涉诉电子', { inLegalDispute: true });
    const healthy = await t.customer('宁波正常客户');
    const old1 = await t.invoice(bankrupt, '120000.00', '2024-06-30');
    const old2 = await t.invoice(bankrupt, '30000.00', '2024-09-30');
    const young = await t.invoice(bankrupt, '5000.00', '2026-11-30');
    const oldDisputed = await t.invoice(disputed, '8000.00', '2024-12-31');
    await t.invoice(healthy, '9000.00', '2024-01-31');
    const run = await t.call('GET', '/api/v1/screens/long-overdue/candidates', undefined, as(clerk));
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body).toMatchObject({
      screen: { kind: 'screen', key: 'long-overdue', version: 1 },
      form: 'bad-debt-write-off',
      truncated: false,
      matched: 3,
      failures: { count: 0 },
    });
    expect(run.body.rows.map((r: { item: { id: string } }) => r.item.id)).toEqual([old1, old2, oldDisputed]);
    expect(run.body.rows[0]).toMatchObject({
      item: { openAmount: '120000', dueDate: '2024-06-30' },
      customer: { id: bankrupt, inLiquidation: true },
    });
    expect(run.body.rows.map((r: { item: { id: string } }) => r.item.id)).not.toContain(young);

    const started = await t.call(
      'POST',
      '/api/v1/screens/long-overdue/start',
      { receivableIds: [old1, old2] },
      as(clerk),
    );
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({
      screen: { key: 'long-overdue', version: 1 },
      form: { ref: 'bad-debt-write-off@1' },
      data: { receivableIds: [old1, old2], amount: '150000', customerName: '苏州破产机械' },
      customer: { inLiquidation: true, orgUnit: 'East' },
    });
    const refused = await t.call(
      'POST',
      '/api/v1/screens/long-overdue/start',
      { receivableIds: [old1, young] },
      as(clerk),
    );
    expect([refused.status, refused.body.errors]).toEqual([
      422,
      [{ pointer: '/receivableIds/1', reason: `receivable ${young} is not a candidate of screen long-overdue` }],
    ]);
    // the screen starts the request; the request goes on as any other
    const filed = await t.call(
      'POST',
      '/api/v1/requests',
      { form: started.body.form.ref, data: { ...started.body.data, reason: 'statute-barred' } },
      as(clerk),
    );
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  });

  it('preview a draft screen for the analyst: what it lists now, sorted and cut as it says, or its problems', async () => {
    const analyst = await t.userToken(['analyst']);
    const c = await t.customer('Preview Screen Co');
    const small = await t.invoice(c, '700.00', '2025-01-31');
    const large = await t.invoice(c, '4200.00', '2025-02-28');
    const draft = {
      logic: { '==': [{ var: 'customer.name' }, 'Preview Screen Co'] },
      form: 'bad-debt-write-off',
      sort: 'openAmount',
    };
    const all = await t.call('POST', '/api/v1/screens/preview', { document: draft }, as(analyst));
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.definitionErrors).toEqual([]);
    expect(all.body.result.matched).toBe(2);
    expect(all.body.result.rows.map((r: { item: { id: string } }) => r.item.id)).toEqual([large, small]);
    const cut = await t.call('POST', '/api/v1/screens/preview', { document: { ...draft, maxRows: 1 } }, as(analyst));
    expect([cut.body.result.matched, cut.body.result.rows.length]).toEqual([2, 1]);

    const broken = await t.call(
      'POST',
      '/api/v1/screens/preview',
      { document: { logic: { '>': [{ var: 'item.noSuchField' }, 1] }, form: 'bad-debt-write-off' } },
      as(analyst),
    );
    expect(broken.status).toBe(200);
    expect(broken.body.result).toBeNull();
    expect(broken.body.definitionErrors, JSON.stringify(broken.body)).toEqual([
      expect.objectContaining({
        pointer: expect.stringMatching(/^\/logic/),
        reason: expect.stringContaining('noSuchField'),
      }),
    ]);
    const incomplete = await t.call('POST', '/api/v1/screens/preview', { document: { logic: true } }, as(analyst));
    expect(incomplete.body.definitionErrors.map((e: { pointer: string }) => e.pointer)).toEqual(['/form']);
    expect((await t.call('POST', '/api/v1/screens/preview', { document: draft }, as(clerk))).status).toBe(403);
  });

  it('small remainders: partly paid items with at most 10 left open', async () => {
    const c = await t.customer('Remainder Co');
    const inv = await t.invoice(c, '1000.00', '2025-03-31');
    await t.pay(c, inv, '996.50', '2025-04-15');
    const run = await t.call('GET', '/api/v1/screens/small-balances/candidates', undefined, as(clerk));
    expect(
      run.body.rows.map((r: { item: { id: string; openAmount: string } }) => [r.item.id, r.item.openAmount]),
    ).toContainEqual([inv, '3.5']);
  });

  it('an unknown screen is 404, a bad selection 422', async () => {
    expect((await t.call('GET', '/api/v1/screens/nope/candidates', undefined, as(clerk))).status).toBe(404);
    const bad = await t.call('POST', '/api/v1/screens/long-overdue/start', { receivableIds: ['x'] }, as(clerk));
    expect([bad.status, bad.body.errors[0].pointer]).toEqual([422, '/receivableIds/0']);
    const none = await t.call('POST', '/api/v1/screens/long-overdue/start', { receivableIds: [] }, as(clerk));
    expect(none.status).toBe(422);
  });
});
