import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hexiao } from './run-cli.ts';

const samples = resolve(import.meta.dirname, '../../packages/plugins/src/connectors/master-csv/samples');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * A fresh place to import into: a new embedded data folder; on the PostgreSQL suite the suite's database with a
 * new default tenant slug (the tenant does not exist yet, as in a fresh folder).
 */
function fresh(env: Record<string, string | undefined> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hexiao-cli-md-'));
  dirs.push(dir);
  const base = {
    HEXIAO_DATA_DIR: dir,
    HEXIAO_TENANT: `md-${randomBytes(5).toString('hex')}`,
    HEXIAO_BASE_CURRENCY: undefined,
    ...env,
  };
  const run = (...args: string[]) => {
    const r = hexiao(['import', ...args, '--json'], base);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  return { run, file };
}

describe('hexiao import on a fresh data folder: customers, then open invoices', () => {
  it('takes the base currency from the first import when all its records share one', () => {
    const { run, file } = fresh();
    const customers = run(
      'customers-csv',
      file('customers.csv', 'code,name,currency,iban\nK1,Kunde eins,EUR,DE89370400440532013000\nK2,Kunde zwei,EUR,\n'),
    );
    expect(customers.customers).toMatchObject({ created: 2, bankAccountsActive: 1 });
    expect(customers.warnings[0]).toMatch(/created with base currency EUR \(every record of the import is in EUR\)/);
    const invoices = run(
      'invoices-csv',
      file(
        'invoices.csv',
        'invoice_no,customer_code,currency,amount,issue_date,open_amount\nR-1,K1,EUR,100.00,2024-06-03,40.00\n',
      ),
    );
    expect([invoices.created, invoices.rejected, invoices.documents.openingSettlements]).toEqual([1, 0, 1]);
    expect(invoices.warnings).toEqual([]);
  }, 180_000);

  it('HEXIAO_BASE_CURRENCY wins; records that need a missing rate are rejected naming it, the rest are booked', () => {
    const { run } = fresh({ HEXIAO_BASE_CURRENCY: 'CNY' });
    const customers = run('customers-csv', join(samples, 'customers.csv'));
    expect(customers.warnings[0]).toMatch(/created with base currency CNY \(from HEXIAO_BASE_CURRENCY\)/);
    const invoices = run('invoices-csv', join(samples, 'invoices.csv'));
    expect([invoices.read, invoices.created, invoices.rejected]).toEqual([10, 5, 5]);
    expect(invoices.rejections.at(-1)).toMatchObject({
      position: { line: 11 },
      reason: expect.stringMatching(/INV-2024-0009: .*no spot rate CHF→CNY on or before 2024-06-10/),
    });
  }, 180_000);

  it('records in several currencies leave the default (CNY) and say so', () => {
    const { run } = fresh();
    const customers = run('customers-csv', join(samples, 'customers.csv'));
    expect(customers.warnings[0]).toMatch(
      /created with base currency CNY \(the default: the records are in CNY, EUR…; set HEXIAO_BASE_CURRENCY to choose\)/,
    );
  }, 180_000);
});
