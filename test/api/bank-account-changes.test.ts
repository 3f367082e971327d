import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let customerId: string;
let managerA: string;
let managerB: string;
const as = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  const c = await t.call('POST', '/api/v1/customers', {
    code: 'PAY-1',
    name: 'Payer Co',
    bankAccounts: [{ accountNumber: '6222 0000 1111' }],
  });
  customerId = c.body.id;
  managerA = await t.userToken(['finance-manager']);
  managerB = await t.userToken(['finance-manager']);
});

describe('payer bank account changes need a second user', () => {
  it('a requested account is pending until another user confirms it', async () => {
    const req = await t.call(
      'POST',
      `/api/v1/customers/${customerId}/bank-accounts`,
      { iban: 'GB82 WEST 1234 5698 7654 32', holderName: 'Payer Co' },
      as(managerA),
    );
    expect(req.status).toBe(202);
    expect(req.body).toMatchObject({ status: 'pending', action: 'add', details: { iban: 'GB82WEST12345698765432' } });
    const before = await t.call('GET', `/api/v1/customers/${customerId}`);
    expect(before.body.bankAccounts).toHaveLength(1);

    const self = await t.call('POST', `/api/v1/bank-account-changes/${req.body.id}/confirm`, undefined, as(managerA));
    expect(self.status).toBe(403);
    expect(self.body.detail).toMatch(/second user/);

    const ok = await t.call('POST', `/api/v1/bank-account-changes/${req.body.id}/confirm`, undefined, as(managerB));
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('confirmed');
    const after = await t.call('GET', `/api/v1/customers/${customerId}`);
    expect(after.body.bankAccounts.map((a: { iban: string | null }) => a.iban)).toContain('GB82WEST12345698765432');
    expect(
      (await t.call('POST', `/api/v1/bank-account-changes/${req.body.id}/confirm`, undefined, as(managerB))).status,
    ).toBe(409);
    const audit = await t.call('GET', `/api/v1/audit?entityType=customer&entityId=${customerId}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['bank-account.change-requested', 'bank-account.change-confirmed']),
    );
  });

  it('a removal works the same way, and a rejected change changes nothing', async () => {
    const one = await t.call('GET', `/api/v1/customers/${customerId}`);
    const acc = one.body.bankAccounts.find((a: { accountNumber: string | null }) => a.accountNumber === '622200001111');
    const rm = await t.call(
      'DELETE',
      `/api/v1/customers/${customerId}/bank-accounts/${acc.id}`,
      undefined,
      as(managerB),
    );
    expect(rm.status).toBe(202);
    const rejected = await t.call('POST', `/api/v1/bank-account-changes/${rm.body.id}/reject`, undefined, as(managerB));
    expect(rejected.body.status).toBe('rejected');
    expect(
      (await t.call('GET', `/api/v1/customers/${customerId}`)).body.bankAccounts.find(
        (a: { id: string }) => a.id === acc.id,
      ).status,
    ).toBe('active');
    const rm2 = await t.call(
      'DELETE',
      `/api/v1/customers/${customerId}/bank-accounts/${acc.id}`,
      undefined,
      as(managerB),
    );
    expect(
      (await t.call('POST', `/api/v1/bank-account-changes/${rm2.body.id}/confirm`, undefined, as(managerA))).status,
    ).toBe(200);
    expect(
      (await t.call('GET', `/api/v1/customers/${customerId}`)).body.bankAccounts.find(
        (a: { id: string }) => a.id === acc.id,
      ).status,
    ).toBe('removed');
  });

  it('an invalid IBAN is refused with its pointer and nothing is requested', async () => {
    const bad = await t.call(
      'POST',
      `/api/v1/customers/${customerId}/bank-accounts`,
      { iban: 'GB00WEST12345698765432' },
      as(managerA),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/iban');
    const pending = await t.call('GET', '/api/v1/bank-account-changes?status=pending');
    expect(pending.body.items).toEqual([]);
  });

  it('a new customer created by someone without bank-account.write gets its payer accounts only after a second person confirms', async () => {
    const clerk = await t.userToken(['clerk']);
    const created = await t.call(
      'POST',
      '/api/v1/customers',
      { code: 'PAY-CLERK', name: 'Clerk Co', bankAccounts: [{ iban: 'DE89 3704 0044 0532 0130 00' }] },
      as(clerk),
    );
    expect(created.status).toBe(201);
    expect(created.body.bankAccounts).toEqual([]);
    const pending = await t.call(
      'GET',
      `/api/v1/bank-account-changes?customerId=${created.body.id}`,
      undefined,
      as(managerA),
    );
    const mine = pending.body.items.filter((c: { customerId: string }) => c.customerId === created.body.id);
    expect(mine).toMatchObject([{ action: 'add', status: 'pending', details: { iban: 'DE89370400440532013000' } }]);

    const ok = await t.call('POST', `/api/v1/bank-account-changes/${mine[0].id}/confirm`, undefined, as(managerA));
    expect(ok.status).toBe(200);
    const after = await t.call('GET', `/api/v1/customers/${created.body.id}`);
    expect(after.body.bankAccounts).toMatchObject([{ iban: 'DE89370400440532013000', status: 'active' }]);

    const byManager = await t.call(
      'POST',
      '/api/v1/customers',
      { code: 'PAY-MGR', name: 'Manager Co', bankAccounts: [{ accountNumber: '6222 0000 2222' }] },
      as(managerB),
    );
    expect(byManager.body.bankAccounts).toMatchObject([{ accountNumber: '622200002222', status: 'active' }]);
  });
});
