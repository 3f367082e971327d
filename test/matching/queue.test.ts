import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const key = () => ({ 'idempotency-key': crypto.randomUUID() });
const day = '2026-11-02';

async function customer(code: string) {
  const c = await t.call('POST', '/api/v1/customers', { code, name: `${code} Ltd` });
  expect(c.status).toBe(201);
  return c.body.id as string;
}

async function invoice(number: string, customerId: string, amount: string) {
  const r = await t.call(
    'POST',
    '/api/v1/receivables',
    { type: 'invoice', number, customerId, currency: 'CNY', amount, documentDate: day },
    key(),
  );
  expect(r.status).toBe(201);
  return r.body.document.id as string;
}

async function receipt(amount: string, customerId: string | null, reference?: string) {
  const r = await t.call(
    'POST',
    '/api/v1/receipts',
    { currency: 'CNY', amount, documentDate: day, customerId, ...(reference ? { reference } : {}) },
    key(),
  );
  expect(r.status).toBe(201);
  return r.body.document.id as string;
}

const openOf = async (id: string) => {
  const r = await t.call('GET', `/api/v1/receivables/${id}`);
  return r.body.openAmount;
};

const queue = async (query: string) => {
  const r = await t.call('GET', `/api/v1/matching/queue?${query}`);
  expect(r.status).toBe(200);
  return r.body as { items: any[]; next: string | null };
};

beforeAll(async () => {
  t = await createTestApp();
}, 60_000);

describe("the clerk's queue", { timeout: 120_000 }, () => {
  it('shows a suggestion with its evidence; the clerk accepts it edited, once; undo reopens the invoice', async () => {
    const a = await customer('Q-A');
    const b = await customer('Q-B');
    // two open invoices of the same amount: the engine cannot tell which one is paid, so it only suggests
    const i1 = await invoice('INV-Q-0001', a, '100.00');
    const i2 = await invoice('INV-Q-0002', a, '100.00');
    const other = await invoice('INV-Q-0009', b, '100.00');
    const r = await receipt('100.00', a);
    const run = await t.call('POST', '/api/v1/matching-runs', {}, key());
    expect(run.status).toBe(201);

    const { items } = await queue(`status=suggested&customerId=${a}`);
    const entry = items.find((e) => e.receipt.id === r)!;
    expect(entry).toMatchObject({
      status: 'suggested',
      receipt: { amount: '100.00', currency: 'CNY', customer: { id: a, code: 'Q-A' } },
      decision: { outcome: 'suggested', status: 'open', ruleSet: { key: 'default', version: 1 } },
    });
    expect(entry.decision.detail.evidence.length).toBeGreaterThan(0);
    expect(entry.decision.detail.reasons.join(' ')).toMatch(/INV-Q-000[12]/);
    const decisionId = entry.decision.id as string;

    // another customer's invoice is outside the receipt's customer group: refused, nothing posted
    const outside = await t.call(
      'POST',
      `/api/v1/matching-decisions/${decisionId}/accept`,
      { allocations: [{ documentId: other, amount: '100.00' }] },
      key(),
    );
    expect(outside.status).toBe(422);
    expect(outside.body.errors[0].pointer).toBe('/allocations/0/documentId');
    expect(await openOf(other)).toBe('100.00');

    // the clerk knows it pays the second invoice
    const k = key();
    const ok = await t.call(
      'POST',
      `/api/v1/matching-decisions/${decisionId}/accept`,
      { allocations: [{ documentId: i2, amount: '100.00' }] },
      k,
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'accepted', edited: true });
    expect(await openOf(i2)).toBe('0.00');
    expect(await openOf(i1)).toBe('100.00');
    const replay = await t.call(
      'POST',
      `/api/v1/matching-decisions/${decisionId}/accept`,
      { allocations: [{ documentId: i2, amount: '100.00' }] },
      k,
    );
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    const twice = await t.call('POST', `/api/v1/matching-decisions/${decisionId}/accept`, {}, key());
    expect(twice.status).toBe(409);
    const view = await t.call('GET', `/api/v1/matching-decisions/${decisionId}`);
    expect(view.body).toMatchObject({ status: 'accepted', settlementId: ok.body.settlementId });
    expect(view.body.decidedBy).toBeTruthy();
    expect((await queue(`customerId=${a}`)).items.map((e) => e.receipt.id)).not.toContain(r);

    // undo by reversal with a reason: the invoice reopens, the receipt is back in the queue
    const undo = await t.call(
      'POST',
      `/api/v1/settlements/${ok.body.settlementId}/reversal`,
      { reason: 'paid the first invoice after all' },
      key(),
    );
    expect(undo.status).toBe(201);
    expect(await openOf(i2)).toBe('100.00');
    expect((await queue(`customerId=${a}`)).items.map((e) => e.receipt.id)).toContain(r);
  });

  it('accepting a suggestion whose amounts are no longer open is a 409 and posts nothing; reject keeps it queued', async () => {
    const a = await customer('Q-C');
    const i1 = await invoice('INV-Q-0101', a, '80.00');
    await invoice('INV-Q-0102', a, '80.00');
    const r1 = await receipt('80.00', a);
    const r2 = await receipt('80.00', a, 'second payment');
    await t.call('POST', '/api/v1/matching-runs', { scope: { customerIds: [a] } }, key());
    const { items } = await queue(`status=suggested&customerId=${a}`);
    const s1 = items.find((e) => e.receipt.id === r1)!.decision.id as string;
    const s2 = items.find((e) => e.receipt.id === r2)!.decision.id as string;

    // meanwhile a clerk settles the first receipt by hand
    const manual = await t.call(
      'POST',
      '/api/v1/settlements',
      { lines: [{ debitDocumentId: i1, creditDocumentId: r1, amount: '80.00' }], postingDate: day },
      key(),
    );
    expect(manual.status).toBe(201);
    const late = await t.call('POST', `/api/v1/matching-decisions/${s1}/accept`, {}, key());
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/nothing posted/);
    expect((await t.call('GET', `/api/v1/matching-decisions/${s1}`)).body.status).toBe('open');

    const noReason = await t.call('POST', `/api/v1/matching-decisions/${s2}/reject`, {}, key());
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].pointer).toBe('/reason');
    const rej = await t.call('POST', `/api/v1/matching-decisions/${s2}/reject`, { reason: 'customer disputes' }, key());
    expect(rej.status).toBe(200);
    expect((await t.call('GET', `/api/v1/matching-decisions/${s2}`)).body).toMatchObject({ status: 'rejected' });
    const still = (await queue(`customerId=${a}`)).items.find((e) => e.receipt.id === r2)!;
    expect(still.status).toBe('unmatched');
    const acceptRejected = await t.call('POST', `/api/v1/matching-decisions/${s2}/accept`, {}, key());
    expect(acceptRejected.status).toBe(409);
    // the next run does not propose the rejected settlement again
    const rejectedDocs = (await t.call('GET', `/api/v1/matching-decisions/${s2}`)).body.detail.allocations.map(
      (x: any) => x.documentId,
    );
    const rerun = await t.call('POST', '/api/v1/matching-runs', { scope: { customerIds: [a] } }, key());
    const view = await t.call('GET', `/api/v1/matching-runs/${rerun.body.runId}`);
    const next = view.body.decisions.find((d: any) => d.receiptId === r2);
    expect(next.detail.allocations.map((x: any) => x.documentId)).not.toEqual(rejectedDocs);
  });

  it('assigns a customer to an unidentified receipt by an insert-only record; a run then matches it', async () => {
    const a = await customer('Q-D');
    const inv = await invoice('INV-Q-0201', a, '123.45');
    const r = await receipt('123.45', null, 'thanks');
    await receipt('9.99', null, 'page two');
    const first = await queue('status=unidentified&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.next).toBeTruthy();
    const second = await queue(`status=unidentified&limit=1&cursor=${first.next}`);
    expect(second.items).toHaveLength(1);
    expect(second.items[0].receipt.id).not.toBe(first.items[0].receipt.id);
    expect((await t.call('GET', '/api/v1/matching/queue?cursor=nope')).status).toBe(422);

    const bad = await t.call('POST', `/api/v1/receipts/${r}/assignment`, { customerId: a }, key());
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/reason');
    const ok = await t.call(
      'POST',
      `/api/v1/receipts/${r}/assignment`,
      { customerId: a, reason: 'called the customer' },
      key(),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.customer).toMatchObject({ id: a, code: 'Q-D' });
    const mine = (await queue(`customerId=${a}`)).items.find((e) => e.receipt.id === r)!;
    expect(mine.receipt.customer.id).toBe(a);

    const run = await t.call('POST', '/api/v1/matching-runs', { scope: { customerIds: [a] } }, key());
    expect(run.body.settlements.map((s: any) => s.receipt.id)).toContain(r);
    expect(await openOf(inv)).toBe('0.00');
    // settled now: no second assignment
    const again = await t.call('POST', `/api/v1/receipts/${r}/assignment`, { customerId: a, reason: 'again' }, key());
    expect(again.status).toBe(409);
    // a receipt posted for a customer is reversed and posted again instead
    const posted = await receipt('5.00', a);
    const refused = await t.call(
      'POST',
      `/api/v1/receipts/${posted}/assignment`,
      { customerId: a, reason: 'x' },
      key(),
    );
    expect(refused.status).toBe(409);
  });

  it("lists a group's open documents beside a receipt and previews a manual allocation's running totals", async () => {
    const parent = await customer('Q-P');
    const sub = (await t.call('POST', '/api/v1/customers', { code: 'Q-S', name: 'Q-S Ltd', parentCode: 'Q-P' })).body
      .id as string;
    const stranger = await customer('Q-X');
    const p1 = await invoice('INV-Q-0301', parent, '40.00');
    const s1 = await invoice('INV-Q-0302', sub, '70.00');
    const x1 = await invoice('INV-Q-0303', stranger, '10.00');
    const r = await receipt('100.00', parent);

    const own = await t.call('GET', `/api/v1/matching/queue/receivables?customerId=${parent}`);
    expect(own.body.items.map((i: any) => i.number)).toEqual(['INV-Q-0301']);
    const group = await t.call('GET', `/api/v1/matching/queue/receivables?customerId=${parent}&group=true&limit=1`);
    expect(group.body.items).toHaveLength(1);
    const rest = await t.call(
      'GET',
      `/api/v1/matching/queue/receivables?customerId=${parent}&group=true&cursor=${group.body.next}`,
    );
    expect([...group.body.items, ...rest.body.items].map((i: any) => [i.number, i.customer.id, i.open]).sort()).toEqual(
      [
        ['INV-Q-0301', parent, '40.00'],
        ['INV-Q-0302', sub, '70.00'],
      ],
    );
    expect((await t.call('GET', '/api/v1/matching/queue/receivables')).status).toBe(422);

    const fine = await t.call('POST', '/api/v1/matching/allocation-preview', {
      receiptId: r,
      allocations: [
        { documentId: p1, amount: '40.00' },
        { documentId: s1, amount: '50.00' },
      ],
    });
    expect(fine.status).toBe(200);
    expect(fine.body).toMatchObject({
      ok: true,
      problems: [],
      receipt: { open: '100.00', allocated: '90.00', left: '10.00' },
      lines: [
        { number: 'INV-Q-0301', openBefore: '40.00', openAfter: '0.00', runningTotal: '40.00' },
        { number: 'INV-Q-0302', openBefore: '70.00', openAfter: '20.00', runningTotal: '90.00' },
      ],
    });
    const wrong = await t.call('POST', '/api/v1/matching/allocation-preview', {
      receiptId: r,
      allocations: [
        { documentId: s1, amount: '80.00' },
        { documentId: x1, amount: '10.00' },
        { documentId: p1, amount: '40.00' },
      ],
    });
    expect(wrong.body.ok).toBe(false);
    expect(wrong.body.problems.map((p: any) => p.pointer)).toEqual([
      '/allocations/0/amount',
      '/allocations/1/documentId',
      '/allocations',
    ]);
    // a preview posts nothing
    expect(await openOf(s1)).toBe('70.00');
  });
});
