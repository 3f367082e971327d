import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { buildTimeline } from '../../packages/server/src/domain/timeline/index.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

describe("a receivable's timeline", () => {
  it('lists its posting, each settlement with the receipt that paid it, an undone settlement and the redo, oldest first', async () => {
    const customer = await t.call('POST', '/api/v1/customers', { code: 'TL-1', name: 'Timeline Ltd', region: 'East' });
    const inv = await t.call('POST', '/api/v1/receivables', {
      type: 'invoice',
      number: 'INV-TL-1',
      customerId: customer.body.id,
      currency: 'CNY',
      amount: '1000.00',
      documentDate: '2026-10-01',
      postingDate: '2026-10-01',
    });
    const invoiceId = inv.body.document.id;
    const receipt = await t.call('POST', '/api/v1/receipts', {
      customerId: customer.body.id,
      currency: 'CNY',
      amount: '600.00',
      documentDate: '2026-10-20',
    });
    const receiptId = receipt.body.document.id;
    const settle = () =>
      t.call('POST', '/api/v1/settlements', {
        postingDate: '2026-10-20',
        lines: [{ debitDocumentId: invoiceId, creditDocumentId: receiptId, amount: '600.00' }],
      });
    const first = await settle();
    expect(first.status).toBe(201);
    const undo = await t.call('POST', `/api/v1/settlements/${first.body.settlement.id}/reversal`, {
      reason: 'wrong invoice picked',
    });
    expect(undo.status).toBe(201);
    expect((await settle()).status).toBe(201);

    const res = await t.call('GET', `/api/v1/receivables/${invoiceId}/timeline`);
    expect(res.status).toBe(200);
    const entries = res.body.entries as {
      kind: string;
      amount?: string;
      detail: Record<string, unknown>;
      at: string;
    }[];
    const ledger = entries.filter((e) => e.kind !== 'audit');
    expect(ledger.map((e) => [e.kind, e.amount ?? null])).toEqual([
      ['posted', '1000.00'],
      ['settled', '600.00'],
      ['settlement-reversed', '-600.00'],
      ['settled', '600.00'],
    ]);
    expect(entries.filter((e) => e.kind === 'audit').map((e) => e.detail.action)).toContain('document.post');
    expect(ledger[1]!.detail.with).toEqual([
      { id: receiptId, docType: 'receipt', number: receipt.body.document.number },
    ]);
    expect(ledger[2]!.detail).toMatchObject({ reason: 'wrong invoice picked', reverses: first.body.settlement.id });
    const times = entries.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it('is not found outside the reader’s data scope, nor for an id that is no document', async () => {
    const west = await t.call('POST', '/api/v1/customers', { code: 'TL-W', name: 'West Co', region: 'West' });
    const inv = await t.call('POST', '/api/v1/receivables', {
      type: 'invoice',
      customerId: west.body.id,
      currency: 'CNY',
      amount: '10.00',
      documentDate: '2026-10-01',
    });
    const all = (await t.call('GET', '/api/v1/permissions')).body.permissions as string[];
    await t.call('PUT', '/api/v1/roles/east-reader', {
      name: 'East reader',
      permissions: all.filter((p) => p.endsWith('.read')),
      dataScope: { '==': [{ var: 'customer.region' }, { var: '$user.region' }] },
    });
    const east = await t.userToken(['east-reader'], { region: 'East' });
    const scoped = await t.call('GET', `/api/v1/receivables/${inv.body.document.id}/timeline`, undefined, {
      authorization: `Bearer ${east}`,
    });
    expect(scoped.status).toBe(404);
    const none = await t.call('GET', '/api/v1/receivables/01a24741-0000-7000-8000-000000000000/timeline');
    expect(none.status).toBe(404);
    const bad = await t.call('GET', '/api/v1/receivables/not-a-uuid/timeline');
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
  });
});

describe('the timeline builder', () => {
  it('keeps the sources’ order for events at the same instant and shows approvals only for decisions', () => {
    const at = '2026-10-01T00:00:00.000Z';
    const entries = buildTimeline({
      document: {
        id: 'd',
        docType: 'invoice',
        number: 'N',
        currency: 'CNY',
        amount: '5',
        postingDate: '2026-10-01',
        createdAt: at,
        createdBy: 'a',
      },
      reversals: [],
      settlements: [],
      reminders: [],
      promises: [],
      disputes: [],
      requests: [
        {
          id: 'r',
          number: 'RQ',
          action: 'bad-debt-write-off',
          requestedByName: 'clerk',
          createdAt: at,
          approval: {
            status: 'approved',
            history: [
              { type: 'step.entered', step: 's', by: null, at, detail: null },
              { type: 'task.decided', step: 's', by: 'boss', at, detail: { decision: 'approved', comment: 'ok' } },
            ],
          },
        },
      ],
      audit: [],
    });
    expect(entries.map((e) => e.kind)).toEqual(['posted', 'request', 'approval']);
    expect(entries[2]).toMatchObject({
      by: 'boss',
      detail: { event: 'task.decided', decision: 'approved', comment: 'ok' },
    });
  });
});
