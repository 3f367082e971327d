import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../../test/support/test-db.ts';
import { createTestTenant, systemCtx, testAuditKey } from '../../../../../test/support/factories.ts';
import { findCustomersByCodes, listBankAccounts } from '../../store/repos/customers.ts';
import { HexiaoError } from '../errors.ts';
import { createCustomers } from './use-cases.ts';

async function setup() {
  const database = await testDatabase();
  const ctx = systemCtx(await createTestTenant(database));
  return { ctx, deps: { db: database.db, auditKey: testAuditKey }, db: database.db };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof HexiaoError ? { type: e.type, pointer: e.errors[0]?.pointer } : e),
  );

describe('createCustomers, a batch at a time', () => {
  it('links a child to a parent created earlier in the batch or stored before it, with its payer accounts', async () => {
    const { ctx, deps, db } = await setup();
    await createCustomers(deps, ctx, [{ code: 'HOLD', name: 'Holding' }]);
    const made = await createCustomers(deps, ctx, [
      { code: 'P', name: 'Parent', bankAccounts: [{ iban: 'DE89 3704 0044 0532 0130 00' }] },
      { code: 'C1', name: 'Child one', parentCode: 'P' },
      { code: 'C2', name: 'Child two', parentCode: 'HOLD', bankAccounts: [{ accountNumber: '6222 0000 1111' }] },
    ]);
    const byCode = new Map(
      (await findCustomersByCodes(db, ctx.tenant.id, ['HOLD', 'P', 'C1', 'C2'])).map((c) => [c.code, c]),
    );
    expect(made.map((c) => [c.code, c.parentId])).toEqual([
      ['P', null],
      ['C1', byCode.get('P')!.id],
      ['C2', byCode.get('HOLD')!.id],
    ]);
    expect(made[0]!.bankAccounts?.map((a) => a.iban)).toEqual(['DE89370400440532013000']);
    expect(made[1]!.bankAccounts).toEqual([]);
    expect((await listBankAccounts(db, ctx.tenant.id, [byCode.get('C2')!.id])).map((a) => a.accountNumber)).toEqual([
      '622200001111',
    ]);
  });

  it('refuses the first bad record in input order and writes nothing', async () => {
    const { ctx, deps, db } = await setup();
    await createCustomers(deps, ctx, [{ code: 'OLD', name: 'Old' }]);
    // a child before its parent, a code twice in the batch, a code already stored
    expect(
      await refusal(
        createCustomers(deps, ctx, [
          { code: 'A', name: 'A' },
          { code: 'KID', name: 'Kid', parentCode: 'LATER' },
          { code: 'LATER', name: 'Later' },
        ]),
      ),
    ).toEqual({ type: 'invalid_data', pointer: '/1/parentCode' });
    expect(
      await refusal(
        createCustomers(deps, ctx, [
          { code: 'B', name: 'B' },
          { code: 'B', name: 'B again' },
          { code: 'OLD', name: 'Old again' },
        ]),
      ),
    ).toEqual({ type: 'conflict', pointer: '/1/code' });
    expect(await refusal(createCustomers(deps, ctx, [{ code: 'OLD', name: 'Old again' }]))).toEqual({
      type: 'conflict',
      pointer: '/code',
    });
    expect((await findCustomersByCodes(db, ctx.tenant.id, ['A', 'KID', 'LATER', 'B'])).length).toBe(0);
  });
});
