import { randomBytes } from 'node:crypto';
import { testDatabase } from '../support/test-db.ts';
import { createTestTenant, systemCtx, testAuditKey, testKinds } from '../support/factories.ts';
import { insertCustomers } from '../../packages/server/src/store/repos/customers.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import type { LedgerDeps } from '../../packages/server/src/domain/ledger/index.ts';
import type { DefinitionsDeps } from '../../packages/server/src/domain/definitions/index.ts';

/** A fresh tenant (base CNY) with `n` customers on the run's test database. */
export async function ledgerSetup(n = 2, o: { baseCurrency?: string } = {}) {
  const database = await testDatabase();
  const tenant = await createTestTenant(database, o);
  const ctx = systemCtx(tenant);
  const deps: LedgerDeps & DefinitionsDeps = { db: database.db, auditKey: testAuditKey, kinds: testKinds };
  const customers = await insertCustomers(
    database.db,
    Array.from({ length: n }, (_, i) => ({
      tenantId: tenant.id,
      id: newId(),
      code: `C${i + 1}-${randomBytes(3).toString('hex')}`,
      name: `Customer ${i + 1}`,
      custom: {},
      status: 'active',
    })),
  );
  return { database, tenant, ctx, deps, customers: customers.map((c) => c.id) };
}

/** Voucher lines as [account, debit, credit] with amounts normalised to two decimals. */
export const linesOf = (v: { lines: { accountCode: string; debit: string; credit: string }[] }) =>
  v.lines.map((l) => [l.accountCode, isZero(l.debit) ? '' : fix(l.debit), isZero(l.credit) ? '' : fix(l.credit)]);

const isZero = (s: string) => /^0(\.0+)?$/.test(s);

const fix = (s: string) => {
  const [i, f = ''] = s.split('.');
  return `${i}.${(f + '00').slice(0, 2)}`;
};
