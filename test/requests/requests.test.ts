import { describe, expect, it } from 'vitest';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { requestSetup, userCtx } from './setup.ts';
import {
  getRequest,
  performBoundAction,
  reviseRequest,
  submitRequest,
} from '../../packages/server/src/domain/requests/index.ts';
import { archiveVersion, publishDraft, saveDraft } from '../../packages/server/src/domain/definitions/index.ts';
import { startForm } from '../../packages/server/src/domain/requests/index.ts';
import { getCustomer } from '../../packages/server/src/domain/customers/index.ts';
import { dec } from '../../packages/server/src/domain/money/index.ts';
import { postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { builtInScopes } from '../../packages/server/src/domain/identity/index.ts';

type Setup = Awaited<ReturnType<typeof requestSetup>>;

const count = async (s: Setup, table: 'requests' | 'request_actions' | 'ledger_documents' | 'attachments') =>
  Number(
    (
      await rows<{ n: string }>(
        s.database.db,
        sql`SELECT count(*) AS n FROM ${sql.identifier(table)} WHERE tenant_id = ${s.tenant.id}`,
      )
    )[0]!.n,
  );

const badDebt = (ids: string[], amount: string, extra: Record<string, unknown> = {}) => ({
  form: 'bad-debt-write-off@1',
  data: { receivableIds: ids, amount, reason: 'statute-barred', explanation: 'three years without contact', ...extra },
});

describe('write-off requests', () => {
  it('a bad-debt request is checked against form v1, snapshots its subject, and posts once when approved', async () => {
    const s = await requestSetup();
    const [c] = s.customers;
    const a = await s.invoice(c!, '50000.00', '2025-01-31');
    const b = await s.invoice(c!, '30000.00', '2025-02-28');
    const r = await submitRequest(s.deps, s.clerk, badDebt([a.id, b.id.toUpperCase()], '65000.00'));
    expect(r).toMatchObject({
      form: { key: 'bad-debt-write-off', version: 1 },
      action: 'bad-debt-write-off',
      flow: 'bad-debt-write-off',
      customerId: c,
      data: { receivableIds: [a.id, b.id], amount: '65000.00' },
      subject: { openAmount: '80000', currency: 'CNY', provision: '0' },
      requestedBy: { id: s.clerk.actor.userId },
      performed: null,
    });
    expect(r.subject.daysOverdue).toBeGreaterThan(365);
    expect(r.subject.receivables.map((x) => [x.number, x.openAmount])).toEqual([
      [a.number, '50000'],
      [b.number, '30000'],
    ]);
    expect(r.flowData).toMatchObject({
      form: { amount: '65000.00' },
      customer: { id: c },
      subject: { openAmount: '80000' },
    });
    expect(r.subjectHash).toMatch(/^[0-9a-f]{64}$/);

    const done = await performBoundAction(s.deps, s.approver, {
      requestId: r.id,
      instanceId: 'instance-1',
      action: 'post-bad-debt-write-off',
      input: { receivableIds: [a.id, b.id], amount: '65000.00', reason: 'statute-barred' },
    });
    expect(done).toMatchObject({
      action: 'bad-debt-write-off',
      effectKey: 'instance-1:on-approved',
      replayed: false,
      requestNumber: r.number,
      documents: [
        { number: `${r.number}-1`, type: 'write-off:bad-debt', amount: '50000' },
        { number: `${r.number}-2`, type: 'write-off:bad-debt', amount: '15000' },
      ],
    });
    expect(done.vouchers).toHaveLength(2);
    const open = await getOpenItems(s.database.db, s.tenant.id, [a.id, b.id]);
    expect([open.get(a.id)!.status, Number(open.get(b.id)!.openAmount)]).toEqual(['settled', 15000]);

    const docs = await count(s, 'ledger_documents');
    const again = await performBoundAction(s.deps, s.approver, {
      requestId: r.id,
      instanceId: 'instance-1',
      action: 'post-bad-debt-write-off',
    });
    expect(again).toMatchObject({ replayed: true, documents: done.documents, vouchers: done.vouchers });
    await expect(
      performBoundAction(s.deps, s.approver, {
        requestId: r.id,
        instanceId: 'instance-2',
        action: 'bad-debt-write-off',
      }),
    ).rejects.toMatchObject({ type: 'conflict' });
    expect(await count(s, 'ledger_documents')).toBe(docs);
    expect((await getRequest(s.database.db, s.clerk, r.id)).performed).toMatchObject({
      effectKey: 'instance-1:on-approved',
    });
  });

  it('refuses, with pointers and writing nothing: more than is open, a settled item, two customers, bad fields', async () => {
    const s = await requestSetup();
    const [c, d] = s.customers;
    const a = await s.invoice(c!, '1000.00');
    const other = await s.invoice(d!, '500.00');
    const paid = await s.invoice(c!, '200.00');
    const receipt = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c!,
      currency: 'CNY',
      amount: '200.00',
      documentDate: '2025-02-01',
    });
    await allocate(s.deps, s.ctx, {
      lines: [{ debitDocumentId: paid.id, creditDocumentId: receipt.document.id, amount: '200.00' }],
    });
    const refused = async (input: Parameters<typeof submitRequest>[2], ctx = s.clerk) => {
      const e = await submitRequest(s.deps, ctx, input).catch((x) => x);
      expect(e).toBeInstanceOf(Error);
      return e;
    };
    expect((await refused(badDebt([a.id], '1000.01'))).errors).toEqual([
      { pointer: '/data/amount', reason: '1000.01 CNY is larger than the open amount of the item (1000.00 CNY)' },
    ]);
    expect((await refused(badDebt([paid.id], '1.00'))).errors).toEqual([
      { pointer: '/data/receivableIds/0', reason: expect.stringMatching(/is settled: nothing is open to write off/) },
    ]);
    expect((await refused(badDebt([a.id, other.id], '10'))).errors).toEqual([
      { pointer: '/data/receivableIds/1', reason: expect.stringMatching(/one request is about one customer/) },
    ]);
    expect((await refused(badDebt([receipt.document.id], '10'))).errors[0].pointer).toBe('/data/receivableIds/0');
    expect((await refused(badDebt(['0190a4f0-0000-7000-8000-00000000dead'], '10'))).errors).toEqual([
      { pointer: '/data/receivableIds/0', reason: 'receivable 0190a4f0-0000-7000-8000-00000000dead does not exist' },
    ]);
    expect((await refused(badDebt([a.id], '10', { reason: 'litigation' }))).errors).toEqual([
      { pointer: '/data/courtCase', reason: 'is required (by the form’s condition)' },
    ]);
    expect((await refused(badDebt([a.id], '10', { reason: 'bankruptcy' }))).errors).toEqual([
      { pointer: '/attachments', reason: 'needs an attachment labelled bankruptcy-notice' },
    ]);
    expect((await refused(badDebt([a.id], '-3'))).errors[0].pointer).toBe('/data/amount');
    expect((await refused({ form: 'bad-debt-write-off@1', data: 'all of it' })).errors).toEqual([
      { pointer: '/data', reason: 'must be an object of form fields' },
    ]);
    expect(await refused({ form: 'bad-debt-write-off@7', data: {} })).toMatchObject({ type: 'not_found' });
    expect(await refused({ form: 'Bad Debt', data: {} })).toMatchObject({
      type: 'invalid_data',
      errors: [{ pointer: '/form' }],
    });
    // a sales rep sees only the customers they own: the receivable does not exist for them
    const rep = userCtx(s.tenant, ['sales-rep'], 'rep');
    rep.actor.dataScope = builtInScopes['sales-rep'];
    expect((await refused(badDebt([a.id], '10'), rep)).errors[0].reason).toMatch(/does not exist/);
    expect(await count(s, 'requests')).toBe(0);
  });

  it('a version that was archived, or a form whose flow is archived, takes no submissions', async () => {
    const s = await requestSetup();
    const a = await s.invoice(s.customers[0]!, '100.00');
    await archiveVersion(s.deps, s.ctx, 'flow', 'bad-debt-write-off', 1);
    expect(await submitRequest(s.deps, s.clerk, badDebt([a.id], '100')).catch((e) => e)).toMatchObject({
      type: 'unexpected_state',
      message: expect.stringMatching(/starts flow bad-debt-write-off, which has no published version/),
    });
    await archiveVersion(s.deps, s.ctx, 'form', 'bad-debt-write-off', 1);
    expect(await submitRequest(s.deps, s.clerk, badDebt([a.id], '100')).catch((e) => e)).toMatchObject({
      type: 'unexpected_state',
      message: expect.stringMatching(/v1 is archived/),
    });
    expect(await count(s, 'requests')).toBe(0);
  });

  it('an approval that finds an item paid meanwhile is refused and records nothing; a stray item is not allowed', async () => {
    const s = await requestSetup();
    const [c] = s.customers;
    const a = await s.invoice(c!, '300.00');
    const b = await s.invoice(c!, '300.00');
    const r = await submitRequest(s.deps, s.clerk, badDebt([a.id], '300.00'));
    await expect(
      performBoundAction(s.deps, s.approver, {
        requestId: r.id,
        instanceId: 'i1',
        action: 'post-bad-debt-write-off',
        input: { receivableIds: [a.id, b.id] },
      }),
    ).rejects.toMatchObject({ type: 'not_allowed' });
    const receipt = await postDocument(s.deps, s.ctx, {
      type: 'receipt',
      customerId: c!,
      currency: 'CNY',
      amount: '100.00',
      documentDate: '2025-02-01',
    });
    await allocate(s.deps, s.ctx, {
      lines: [{ debitDocumentId: a.id, creditDocumentId: receipt.document.id, amount: '100.00' }],
    });
    const docs = await count(s, 'ledger_documents');
    const e = await performBoundAction(s.deps, s.approver, {
      requestId: r.id,
      instanceId: 'i1',
      action: 'post-bad-debt-write-off',
    }).catch((x) => x);
    expect(e).toMatchObject({ type: 'invalid_data', errors: [{ pointer: '/input/amount' }] });
    expect([await count(s, 'ledger_documents'), await count(s, 'request_actions')]).toEqual([docs, 0]);
    await expect(
      performBoundAction(s.deps, s.approver, { requestId: r.id, instanceId: 'i1', action: 'post-debt-transfer' }),
    ).rejects.toMatchObject({ type: 'conflict' });
  });

  it('a returned request is revised against the same form version; the earlier revision is kept', async () => {
    const s = await requestSetup();
    const a = await s.invoice(s.customers[0]!, '900.00');
    const r = await submitRequest(s.deps, s.clerk, badDebt([a.id], '900.00'));
    const v2 = await reviseRequest(s.deps, s.clerk, r.id, badDebt([a.id], '450.00').data);
    expect([v2.revision, v2.data.amount]).toEqual([2, '450.00']);
    await expect(reviseRequest(s.deps, s.approver, r.id, badDebt([a.id], '1').data)).rejects.toMatchObject({
      type: 'not_allowed',
    });
    await expect(reviseRequest(s.deps, s.clerk, r.id, badDebt([a.id], '901').data)).rejects.toMatchObject({
      type: 'invalid_data',
    });
    const done = await performBoundAction(s.deps, s.approver, {
      requestId: r.id,
      instanceId: 'i',
      action: 'bad-debt-write-off',
    });
    expect(done.documents.map((d) => d.amount)).toEqual(['450']);
  });

  it('a small-balance request clears the remainder to expense', async () => {
    const s = await requestSetup();
    const a = await s.invoice(s.customers[0]!, '0.37');
    const r = await submitRequest(s.deps, s.clerk, {
      form: 'small-balance-write-off',
      data: { receivableIds: [a.id], reason: 'rounding' },
    });
    const done = await performBoundAction(s.deps, s.approver, {
      requestId: r.id,
      instanceId: 'sb',
      action: 'post-small-balance-write-off',
    });
    expect(done.documents).toMatchObject([{ type: 'write-off:small-balance', amount: '0.37' }]);
  });
});

describe('credit limit change requests', () => {
  it('are about a customer, and the approval sets the new limit once (audited as a customer update)', async () => {
    const s = await requestSetup();
    const [c] = s.customers;
    await s.invoice(c!, '7000.00', '2025-03-31');
    const document = {
      action: 'credit-limit-change',
      schema: {
        type: 'object',
        required: ['customerId', 'creditLimit', 'reason'],
        properties: {
          customerId: { type: 'string', format: 'uuid' },
          creditLimit: { type: 'string' },
          reason: { type: 'string', maxLength: 200 },
        },
      },
      prefill: { customerId: { var: 'customer.id' } },
    };
    await saveDraft(s.deps, s.ctx, { kind: 'form', key: 'credit-limit', document });
    await publishDraft(s.deps, s.ctx, 'form', 'credit-limit');
    const started = await startForm(s.database.db, s.clerk, 'credit-limit', [c!]);
    expect(started).toMatchObject({ data: { customerId: c }, subject: { openAmount: '7000', currency: 'CNY' } });
    const refused = async (data: Record<string, unknown>) =>
      (await submitRequest(s.deps, s.clerk, { form: 'credit-limit', data }).catch((e) => e)).errors;
    expect(await refused({ customerId: c, creditLimit: '-5', reason: 'r' })).toEqual([
      { pointer: '/data/creditLimit', reason: expect.any(String) },
    ]);
    expect(
      await refused({ customerId: '0190a4f0-0000-7000-8000-00000000beef', creditLimit: '5', reason: 'r' }),
    ).toEqual([
      { pointer: '/data/customerId', reason: 'customer 0190a4f0-0000-7000-8000-00000000beef does not exist' },
    ]);
    const r = await submitRequest(s.deps, s.clerk, {
      form: 'credit-limit',
      data: { customerId: c, creditLimit: '500000.00', reason: 'new framework contract' },
    });
    const done = await performBoundAction(s.deps, s.approver, {
      requestId: r.id,
      instanceId: 'cl',
      action: 'post-credit-limit-change',
    });
    expect(done).toMatchObject({ documents: [], vouchers: [], changes: { customerId: c } });
    expect(dec((await getCustomer(s.database.db, s.tenant.id, c!)).creditLimit!).toFixed(2)).toBe('500000.00');
  });
});

describe('debt transfer requests', () => {
  it('need the signed agreement, and post the transfer pair once', async () => {
    const s = await requestSetup();
    const [from, to] = s.customers;
    const a = await s.invoice(from!, '12000.00');
    const data = { receivableId: a.id, toCustomerId: to!, amount: '10000.00', reason: 'triangular-debt' };
    expect(await submitRequest(s.deps, s.clerk, { form: 'debt-transfer', data }).catch((e) => e)).toMatchObject({
      errors: [{ pointer: '/attachments', reason: 'needs an attachment labelled transfer-agreement' }],
    });
    expect(
      (
        await submitRequest(s.deps, s.clerk, { form: 'debt-transfer', data: { ...data, amount: '12000.01' } }).catch(
          (e) => e,
        )
      ).errors,
    ).toEqual([{ pointer: '/data/amount', reason: expect.stringMatching(/larger than the open amount/) }]);
    expect(
      (
        await submitRequest(s.deps, s.clerk, { form: 'debt-transfer', data: { ...data, toCustomerId: from! } }).catch(
          (e) => e,
        )
      ).errors,
    ).toEqual([{ pointer: '/data/toCustomerId', reason: expect.stringMatching(/would move nothing/) }]);
    const agreement = await s.attach(s.clerk, 'transfer-agreement');
    const someoneElses = await s.attach(s.approver, 'transfer-agreement');
    expect(
      (
        await submitRequest(s.deps, s.clerk, { form: 'debt-transfer', data, attachments: [someoneElses.id] }).catch(
          (e) => e,
        )
      ).errors,
    ).toEqual([{ pointer: '/attachments/0', reason: expect.stringMatching(/uploaded by someone else/) }]);
    const r = await submitRequest(s.deps, s.clerk, { form: 'debt-transfer', data, attachments: [agreement.id] });
    expect(r.attachments).toMatchObject([{ id: agreement.id, label: 'transfer-agreement', requestId: r.id }]);
    const done = await performBoundAction(s.deps, s.approver, {
      requestId: r.id,
      instanceId: 'dt',
      action: 'post-debt-transfer',
    });
    expect(done.documents).toMatchObject([
      { number: `${r.number}-OUT`, type: 'transfer-out', amount: '10000' },
      { number: `${r.number}-IN`, type: 'transfer-in', amount: '10000' },
    ]);
    const open = await getOpenItems(s.database.db, s.tenant.id, [a.id, done.documents[1]!.id]);
    expect([Number(open.get(a.id)!.openAmount), open.get(done.documents[1]!.id)!.customerId]).toEqual([2000, to]);
  });
});
