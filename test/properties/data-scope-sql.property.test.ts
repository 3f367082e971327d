import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { apply } from '../../packages/dsl/src/index.ts';
import { testDatabase } from '../support/test-db.ts';
import { createTestTenant } from '../support/factories.ts';
import { customers } from '../../packages/server/src/store/schema/index.ts';
import { insertCustomers } from '../../packages/server/src/store/repos/customers.ts';
import { scopeToSql, type ScopeColumns } from '../../packages/server/src/store/scope-sql.ts';
import { toCustomer, type Customer } from '../../packages/server/src/domain/customers/index.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { rowScopeOf, validateScope } from '../../packages/server/src/domain/identity/index.ts';
import { rows as rowsOf, sql, type Database } from '../../packages/server/src/store/db.ts';

const regions = ['East', 'North', 'South', 'Ex-port', ''];
const owners = ['a@x.test', 'b@x.test', 'c@x.test'];
const columns: ScopeColumns = {
  'customer.region': customers.region,
  'customer.salesOwner': customers.salesOwner,
  'customer.status': customers.status,
  'customer.currency': customers.currency,
  'customer.paymentTermsDays': customers.paymentTermsDays,
  'customer.creditLimit': customers.creditLimit,
};

const textField = fc.constantFrom('customer.region', 'customer.salesOwner', 'customer.status', 'customer.currency');
const numField = fc.constantFrom('customer.paymentTermsDays', 'customer.creditLimit');
const textValue = fc.oneof(
  fc.constantFrom(...regions, ...owners, 'active', 'blocked', 'CNY', 'EUR'),
  fc.constant(null),
);
const userVar = fc.constantFrom('region', 'email', 'regions', 'missing').map((k) => ({ var: `$user.${k}` }));

const leaf = fc.oneof(
  fc
    .tuple(fc.constantFrom('==', '!='), textField, fc.oneof(textValue, userVar))
    .map(([op, f, v]) => ({ [op]: [{ var: f }, v] })),
  fc
    .tuple(
      fc.constantFrom('==', '!=', '<', '<=', '>', '>='),
      numField,
      fc.oneof(fc.integer({ min: -5, max: 200_000 }), fc.constantFrom(0, 30, 60, 100_000)),
    )
    .map(([op, f, v]) => ({ [op]: [{ var: f }, v] })),
  fc
    .tuple(textField, fc.oneof(fc.subarray([...regions, ...owners, 'active', 'CNY']), userVar))
    .map(([f, v]) => ({ in: [{ var: f }, v] })),
);
const scope = fc.letrec<{ rule: unknown }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((items) => ({ and: items })),
    fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((items) => ({ or: items })),
    tie('rule').map((item) => ({ '!': [item] })),
  ),
})).rule;

let database: Database;
let tenantId: string;
let rows: Customer[];

beforeAll(async () => {
  database = await testDatabase();
  tenantId = (await createTestTenant(database)).id;
  const gen = fc.sample(
    fc.record({
      region: fc.option(fc.constantFrom(...regions), { nil: null }),
      salesOwner: fc.option(fc.constantFrom(...owners), { nil: null }),
      status: fc.constantFrom('active', 'blocked'),
      currency: fc.option(fc.constantFrom('CNY', 'EUR'), { nil: null }),
      paymentTermsDays: fc.option(fc.constantFrom(0, 30, 45, 60, 90), { nil: null }),
      creditLimit: fc.option(
        fc.integer({ min: 0, max: 200_000 }).map((n) => `${n}.50`),
        { nil: null },
      ),
    }),
    { numRuns: 80, seed: 7 },
  );
  const inserted = await insertCustomers(
    database.db,
    gen.map((g, i) => ({ tenantId, id: newId(), code: `S${i}`, name: `Scope ${i}`, custom: {}, ...g })),
  );
  rows = inserted.map((r) => toCustomer(r));
});

describe('data scopes: SQL filter and JS evaluation select the same rows', () => {
  it('for random scopes, users and rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        scope,
        fc.record({
          region: fc.constantFrom(...regions),
          email: fc.constantFrom(...owners),
          regions: fc.subarray(regions),
        }),
        async (rule, user) => {
          expect(validateScope(rule)).toEqual([]);
          const where = scopeToSql(rowScopeOf({ dataScope: rule, user })!, columns);
          const selected = await rowsOf<{ id: string }>(
            database.db,
            sql`SELECT ${customers.id} AS id FROM ${customers} WHERE ${customers.tenantId} = ${tenantId} AND ${where}`,
          );
          const sqlIds = new Set(selected.map((r) => r.id));
          const jsIds = new Set(
            rows.filter((c) => Boolean(apply(rule, { customer: c, $user: user }))).map((c) => c.id),
          );
          expect([...sqlIds].sort()).toEqual([...jsIds].sort());
        },
      ),
      { numRuns: Number(process.env.HEXIAO_PROPERTY_RUNS ?? 150) },
    );
  });

  it('refuses what is outside the subset, with pointers', () => {
    expect(validateScope({ '+': [1, 2] })).toEqual([{ pointer: '/+', reason: expect.stringMatching(/not allowed/) }]);
    expect(validateScope({ '==': [{ var: 'customer.password' }, 'x'] })[0]!.pointer).toBe('/==/0');
    expect(validateScope({ '<': [{ var: 'customer.region' }, 'M'] })[0]!.reason).toMatch(/compares numbers/);
    expect(validateScope({ and: [{ '==': [{ var: 'customer.region' }, { var: 'constructor' }] }] })[0]!.pointer).toBe(
      '/and/0/==/1',
    );
  });
});
