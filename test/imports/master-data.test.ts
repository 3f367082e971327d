import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDeps, importFiles, repoRoot } from './support.ts';
import { camt053 } from './generated.ts';
import { testDatabase } from '../support/test-db.ts';
import { createTestTenant, systemCtx } from '../support/factories.ts';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { findCustomerByCode, listBankAccounts } from '../../packages/server/src/store/repos/customers.ts';
import { decideBankAccountChange, listBankAccountChanges } from '../../packages/server/src/domain/customers/index.ts';
import { checkBooks } from '../../packages/server/src/domain/ledger/index.ts';
import { documentsByNumbers } from '../../packages/server/src/store/repos/documents.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import type { ActionCtx } from '../../packages/server/src/domain/context.ts';

const samples = resolve(repoRoot, 'packages/plugins/src/connectors/master-csv/samples');
const dir = mkdtempSync(join(tmpdir(), 'hexiao-master-data-'));
let n = 0;
const file = (text: string, name = 'data.csv') => {
  const p = join(dir, `${n++}-${name}`);
  writeFileSync(p, text);
  return p;
};

async function tenant(baseCurrency = 'CNY'): Promise<ActionCtx> {
  return systemCtx(await createTestTenant(await testDatabase(), { baseCurrency }));
}
const asUser = (ctx: ActionCtx, role: string): ActionCtx => ({
  ...ctx,
  actor: { type: 'user', id: `${role}-1`, userId: `${role}-1`, name: role, roles: [role] },
});
const customer = async (ctx: ActionCtx, code: string) => {
  const { db } = await importDeps();
  const c = (await findCustomerByCode(db, ctx.tenant.id, code))!;
  return { ...c, accounts: await listBankAccounts(db, ctx.tenant.id, [c.id]) };
};

describe('customers-csv: a customer master comes in through the audited customer paths', () => {
  it('creates customers with groups and active payer accounts for an importer who may change bank accounts', async () => {
    const ctx = await tenant();
    const first = await importFiles(ctx, 'customers-csv', [join(samples, 'customers.csv')]);
    expect([first.read, first.created, first.rejected]).toEqual([10, 6, 4]);
    expect(first.rejections.map((r) => r.position.line)).toEqual([7, 8, 9, 10]);
    expect(first.customers).toEqual({
      created: 6,
      updated: 0,
      unchanged: 0,
      bankAccountsActive: 7,
      bankAccountChangesPending: 0,
    });
    const group = await customer(ctx, 'GRP-HUAXIA');
    const sh = await customer(ctx, 'HX-SH');
    expect(sh.parentId).toBe(group.id);
    expect((await customer(ctx, 'HX-BJ')).parentId).toBe(group.id);
    expect(sh).toMatchObject({
      region: 'East',
      salesOwner: 'li.wei@example.com',
      currency: 'CNY',
      paymentTermsDays: 45,
    });
    expect(sh.accounts.map((a) => [a.accountNumber, a.status])).toEqual([
      ['6222021001000000002', 'active'],
      ['6222021001000000003', 'active'],
    ]);
    expect((await customer(ctx, 'ACME-DE')).accounts.map((a) => a.iban).sort()).toEqual([
      'DE89370400440532013000',
      'GB82WEST12345698765432',
    ]);
    const audit = await rows<{ action: string; n: string }>(
      (await importDeps()).db,
      sql`SELECT action, count(*)::text AS n FROM audit_log WHERE tenant_id = ${ctx.tenant.id} GROUP BY action ORDER BY action`,
    );
    expect(audit).toEqual([
      { action: 'customer.create', n: '6' },
      { action: 'import.run', n: '1' },
    ]);

    const again = await importFiles(ctx, 'customers-csv', [join(samples, 'customers.csv')]);
    expect([again.created, again.duplicates, again.rejected]).toEqual([0, 6, 4]);
    expect(again.customers).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
  });

  it('updates a known customer through the audited update; a new payer account waits for a second person', async () => {
    const ctx = await tenant();
    await importFiles(ctx, 'customers-csv', [join(samples, 'customers.csv')]);
    const changed = file(
      'code,name,account_number,region\nHX-SH,Huaxia Trading (Shanghai) Co. Ltd,6222021001000000002;6222029999000000009,South\nHX-BJ,Huaxia Trading (Beijing) Co. Ltd,,\n',
    );
    const r = await importFiles(ctx, 'customers-csv', [changed]);
    expect(r.rejections).toEqual([]);
    expect(r.customers).toEqual({
      created: 0,
      updated: 1,
      unchanged: 1,
      bankAccountsActive: 0,
      bankAccountChangesPending: 1,
    });
    const sh = await customer(ctx, 'HX-SH');
    expect(sh.region).toBe('South');
    // an empty cell keeps what is stored: the group and the other fields
    expect(sh.paymentTermsDays).toBe(45);
    expect(sh.parentId).not.toBeNull();
    expect(sh.accounts.map((a) => a.accountNumber)).toEqual(['6222021001000000002', '6222021001000000003']);
    const deps = await importDeps();
    const pending = await listBankAccountChanges(deps, ctx.tenant.id, 'pending');
    expect(pending.map((p) => [p.customerId, p.action, p.details.accountNumber])).toEqual([
      [sh.id, 'add', '6222029999000000009'],
    ]);
    // the same file again asks for nothing new
    const again = await importFiles(ctx, 'customers-csv', [changed]);
    expect(again.customers).toMatchObject({ updated: 0, unchanged: 2, bankAccountChangesPending: 0 });
    expect(await listBankAccountChanges(deps, ctx.tenant.id, 'pending')).toHaveLength(1);
    // a second person confirms: the account becomes active
    await decideBankAccountChange(deps, asUser(ctx, 'finance-manager'), pending[0]!.id, 'confirmed');
    expect((await customer(ctx, 'HX-SH')).accounts.map((a) => a.accountNumber)).toContain('6222029999000000009');
  });

  it('a clerk (no bank-account.write) creates customers whose payer accounts wait for a second person', async () => {
    const ctx = await tenant();
    const clerk = asUser(ctx, 'clerk');
    const r = await importFiles(clerk, 'customers-csv', [join(samples, 'customers.csv')]);
    expect(r.customers).toEqual({
      created: 6,
      updated: 0,
      unchanged: 0,
      bankAccountsActive: 0,
      bankAccountChangesPending: 7,
    });
    expect((await customer(ctx, 'ACME-DE')).accounts).toEqual([]);
    const deps = await importDeps();
    const pending = await listBankAccountChanges(deps, ctx.tenant.id, 'pending');
    expect(pending).toHaveLength(7);
    expect(pending.every((p) => p.requestedBy === 'clerk-1')).toBe(true);
    // the clerk cannot confirm their own request
    await expect(decideBankAccountChange(deps, clerk, pending[0]!.id, 'confirmed')).rejects.toThrow();
  });

  it('refuses the whole import for an importer without customer.write', async () => {
    const ctx = await tenant();
    await expect(
      importFiles(asUser(ctx, 'sales-rep'), 'customers-csv', [join(samples, 'customers.csv')]),
    ).rejects.toMatchObject({ type: 'not_allowed' });
  });

  it('orders parents before subsidiaries and rejects unknown parents, cycles and invalid values with their lines', async () => {
    const ctx = await tenant();
    const r = await importFiles(ctx, 'customers-csv', [
      file(
        [
          'code,name,parent_code,iban,sales_owner',
          'SUB-1,Subsidiary one,TOP,,',
          'TOP,Top holding,,,',
          'ORPHAN,Orphan,NOBODY,,',
          'CYC-A,Cycle A,CYC-B,,',
          'CYC-B,Cycle B,CYC-A,,',
          'BAD-IBAN,Bad iban,,DE00370400440532013000,',
          'LONG,Long owner,,,' + 'x'.repeat(201),
          'bad code!,Bad code,,,',
        ].join('\n'),
      ),
    ]);
    expect(r.created).toBe(2);
    expect((await customer(ctx, 'SUB-1')).parentId).toBe((await customer(ctx, 'TOP')).id);
    expect(r.rejections.map((x) => [x.position.line, x.reason]).sort((a, b) => +a[0]! - +b[0]!)).toEqual([
      [4, 'customer ORPHAN: parent NOBODY is not a customer (neither on file nor a good row of this import)'],
      [5, 'customer CYC-A: parent CYC-B would make a cycle (CYC-A → CYC-B → CYC-A)'],
      [6, 'customer CYC-B: parent CYC-A is not a customer (neither on file nor a good row of this import)'],
      [7, 'customer BAD-IBAN: /bankAccounts/0/iban DE00370400440532013000 is not a valid IBAN'],
      [8, 'customer LONG: /salesOwner must NOT have more than 200 characters'],
      [9, 'customer bad code!: /code must match pattern "^[A-Za-z0-9][A-Za-z0-9_.-]*$"'],
    ]);
    // a known customer cannot be put under its own subsidiary
    const loop = await importFiles(ctx, 'customers-csv', [file('code,name,parent_code\nTOP,Top holding,SUB-1\n')]);
    expect(loop.rejections.map((x) => x.reason)).toEqual([
      'customer TOP: parent SUB-1 would make a cycle (TOP → SUB-1 → TOP)',
    ]);
  });
});

describe('fx-rates-csv loads the rate table; credits that waited for a rate become receipts', () => {
  it('stores rates once; a different rate for a stored date is rejected naming the stored one', async () => {
    const ctx = await tenant();
    const first = await importFiles(ctx, 'fx-rates-csv', [join(samples, 'fx-rates.csv')]);
    expect([first.read, first.created, first.rejected]).toEqual([8, 5, 3]);
    expect(first.fxRates).toEqual({ created: 5, unchanged: 0 });
    const again = await importFiles(ctx, 'fx-rates-csv', [join(samples, 'fx-rates.csv')]);
    expect([again.created, again.duplicates]).toEqual([0, 5]);
    expect(again.fxRates).toEqual({ created: 0, unchanged: 5 });
    const other = await importFiles(ctx, 'fx-rates-csv', [file('date,from,to,rate\n2024-06-03,EUR,CNY,7.7500\n')]);
    expect(other.rejections.map((x) => [x.position.line, x.reason])).toEqual([
      [2, 'rate 2024-06-03|EUR|CNY: the EUR→CNY rate for 2024-06-03 is already 7.748 (rates are never changed)'],
    ]);
  });

  it('a foreign-currency credit with no rate waits as a bank line and is posted by the import that brings the rate', async () => {
    const ctx = await tenant('CNY');
    const statement = file(
      camt053({
        iban: 'DE89370400440532013000',
        id: 'FX-1',
        opening: '0',
        closing: '250.00',
        from: '2024-06-03',
        to: '2024-06-03',
        entries: [{ ref: 'FX-REF-1', e2e: 'E2E-FX-1', amount: '250.00', credit: true, date: '2024-06-03' }],
      }),
      'camt.xml',
    );
    const bank = await importFiles(ctx, 'camt053', [statement]);
    expect(bank.receipts).toMatchObject({ posted: 0, notPosted: 1 });
    expect(bank.warnings.join('\n')).toMatch(/receipt not posted: .*no spot rate EUR→CNY on or before 2024-06-03/);

    // a later import of anything tries again; without the rate the credit still waits, and the report says so
    const other = await importFiles(ctx, 'fx-rates-csv', [file('date,from,to,rate\n2024-06-04,EUR,CNY,7.75\n')]);
    expect(other.receipts.postedLater ?? 0).toBe(0);
    expect(other.warnings.join('\n')).toMatch(
      /1 bank credit of earlier imports still wait.*no spot rate EUR→CNY on or before 2024-06-03/,
    );

    const rates = await importFiles(ctx, 'fx-rates-csv', [file('date,from,to,rate\n2024-06-03,EUR,CNY,7.748\n')]);
    expect(rates.receipts.postedLater).toBe(1);
    expect(rates.warnings.join('\n')).toMatch(/1 bank credit of earlier imports posted as receipts now/);
    const [receipt] = await rows<{ amount: string; base_amount: string; fx_rate: string }>(
      (await importDeps()).db,
      sql`SELECT d.amount::text, d.base_amount::text, d.fx_rate::text FROM import_documents l JOIN ledger_documents d ON d.tenant_id = l.tenant_id AND d.id = l.document_id
          WHERE l.tenant_id = ${ctx.tenant.id} AND l.source_type = 'bank-line' AND l.role = 'receipt'`,
    );
    expect([Number(receipt!.amount), Number(receipt!.base_amount), Number(receipt!.fx_rate)]).toEqual([
      250, 1937, 7.748,
    ]);
    // nothing left waiting: the next import posts nothing again
    const later = await importFiles(ctx, 'fx-rates-csv', [file('date,from,to,rate\n2024-06-05,EUR,CNY,7.76\n')]);
    expect(later.receipts.postedLater ?? 0).toBe(0);
    expect(later.warnings).toEqual([]);
  });

  it('bank lines kept without receipts (receipts: none) stay so: a later import does not post them', async () => {
    const ctx = await tenant('EUR');
    const statement = file(
      camt053({
        iban: 'DE89370400440532013000',
        id: 'HIST-1',
        opening: '0',
        closing: '300.00',
        from: '2024-06-03',
        to: '2024-06-03',
        entries: [
          { ref: 'HIST-REF-1', e2e: 'E2E-H-1', amount: '100.00', credit: true, date: '2024-06-03' },
          { ref: 'HIST-REF-2', e2e: 'E2E-H-2', amount: '200.00', credit: true, date: '2024-06-03' },
        ],
      }),
      'history.xml',
    );
    const inline = { connector: 'camt053', config: {}, options: { receipts: 'none' as const } };
    const history = await importFiles(ctx, 'camt053', [statement], { inline });
    expect([history.created, history.receipts.posted, history.receipts.notPosted]).toEqual([2, 0, 0]);
    const next = await importFiles(ctx, 'fx-rates-csv', [file('date,from,to,rate\n2024-06-04,USD,EUR,0.92\n')]);
    expect(next.receipts.postedLater ?? 0).toBe(0);
    const [n] = await rows<{ n: string }>(
      (await importDeps()).db,
      sql`SELECT count(*)::text AS n FROM ledger_documents WHERE tenant_id = ${ctx.tenant.id} AND doc_type = 'receipt'`,
    );
    expect(n!.n).toBe('0');
  });
});

describe('invoices-csv: open items from an ERP export become invoices, once per number', () => {
  async function loaded(o: { rates?: boolean } = {}) {
    const ctx = await tenant('CNY');
    await importFiles(ctx, 'customers-csv', [join(samples, 'customers.csv')]);
    if (o.rates !== false) await importFiles(ctx, 'fx-rates-csv', [join(samples, 'fx-rates.csv')]);
    return ctx;
  }
  const invoices = async (ctx: ActionCtx) => {
    const { db } = await importDeps();
    const docs = await documentsByNumbers(db, ctx.tenant.id, 'invoice', [
      'INV-2024-0001',
      'INV-2024-0002',
      'INV-2024-0003',
      'INV-2024-0004',
      'INV-2024-0005',
      'INV-2024-0009',
    ]);
    const open = await getOpenItems(
      db,
      ctx.tenant.id,
      [...docs.values()].map((d) => d.id),
    );
    return new Map(
      [...docs].map(([n, d]) => [
        n,
        {
          amount: Number(d.amount),
          due: d.dueDate,
          rate: Number(d.fxRate),
          open: Number(open.get(d.id)!.openAmount),
          openBase: Number(open.get(d.id)!.openBaseAmount),
          orderRef: d.orderRef,
          reference: d.reference,
        },
      ]),
    );
  };

  it('books each invoice; a partly open one is settled against the opening-balance clearing account for the rest', async () => {
    const ctx = await loaded();
    const r = await importFiles(ctx, 'invoices-csv', [join(samples, 'invoices.csv')]);
    expect([r.read, r.created, r.rejected]).toEqual([10, 6, 4]);
    expect(r.rejections.map((x) => x.position.line)).toEqual([7, 8, 9, 10]);
    expect(r.documents).toMatchObject({ created: 6, openingSettlements: 2 });
    expect(r.totals.CNY!.created).toEqual({ count: 3, credits: '0', debits: '39550' });
    const got = await invoices(ctx);
    expect(Object.fromEntries(got)).toEqual({
      'INV-2024-0001': {
        amount: 11300,
        due: '2024-06-20',
        rate: 1,
        open: 11300,
        openBase: 11300,
        orderRef: 'SO-88001',
        reference: null,
      },
      // terms in the file: due 45 days after issue; 3,000 was paid in the old system
      'INV-2024-0002': {
        amount: 5650,
        due: '2024-07-04',
        rate: 1,
        open: 2650,
        openBase: 2650,
        orderRef: 'SO-88002',
        reference: 'RF18539007547034',
      },
      // no due date nor terms in the file: the customer's terms (45 days)
      'INV-2024-0003': {
        amount: 22600,
        due: '2024-07-16',
        rate: 1,
        open: 22600,
        openBase: 22600,
        orderRef: null,
        reference: null,
      },
      // the ERP's booking rate is kept
      'INV-2024-0004': {
        amount: 1190,
        due: '2024-07-14',
        rate: 7.8123,
        open: 1190,
        openBase: 9296.64,
        orderRef: 'PO-4711',
        reference: null,
      },
      // no terms anywhere: no due date; the paid part is settled at the invoice's own rate, so exactly the open part stays open, in both currencies
      'INV-2024-0005': {
        amount: 2380.5,
        due: null,
        rate: 7.75,
        open: 1000,
        openBase: 7750,
        orderRef: null,
        reference: null,
      },
      // no rate in the file: the rate table's (CHF 2024-06-03)
      'INV-2024-0009': {
        amount: 840,
        due: '2024-07-10',
        rate: 7.9512,
        open: 840,
        openBase: 6679.01,
        orderRef: null,
        reference: null,
      },
    });
    const { db } = await importDeps();
    const clearing = await rows<{ debit: string }>(
      db,
      sql`SELECT sum(debit)::text AS debit FROM voucher_lines WHERE tenant_id = ${ctx.tenant.id} AND account_code = '3901'`,
    );
    expect(Number(clearing[0]!.debit)).toBe(3000 + 10698.88);
    expect((await checkBooks(db, ctx.tenant.id)).violations).toEqual([]);

    const again = await importFiles(ctx, 'invoices-csv', [join(samples, 'invoices.csv')]);
    expect([again.created, again.duplicates, again.rejected]).toEqual([0, 6, 4]);
    expect(Object.fromEntries(await invoices(ctx))).toEqual(Object.fromEntries(got));
  });

  it('rejects an unknown customer, a number booked with another amount, and a record without a rate naming the rate', async () => {
    const ctx = await loaded({ rates: false });
    const r = await importFiles(ctx, 'invoices-csv', [join(samples, 'invoices.csv')]);
    expect(r.rejections.slice(4).map((x) => [x.position.line, x.reason])).toEqual([
      [
        11,
        'invoice INV-2024-0009: refused by the ledger: /fxRate is required: no spot rate CHF→CNY on or before 2024-06-10',
      ],
    ]);
    // INV-2024-0004 and -0005 carry their own booking rates: they need none from the table
    expect(r.documents).toMatchObject({ created: 5, openingSettlements: 2 });
    const other = await importFiles(ctx, 'invoices-csv', [
      file(
        [
          'invoice_no,customer_code,currency,amount,issue_date',
          'INV-2024-0001,HX-SH,CNY,11000.00,2024-05-06',
          'INV-2024-0003,HX-SH,CNY,22600.00,2024-06-01',
          'INV-2024-0100,NOBODY,CNY,10.00,2024-06-01',
          'INV-2024-0101,HX-SH,CNY,10.001,2024-06-01',
        ].join('\n'),
      ),
    ]);
    expect(other.rejections.map((x) => [x.position.line, x.reason])).toEqual([
      [2, 'invoice INV-2024-0001: invoice number INV-2024-0001 is already booked with 11300 CNY'],
      [3, 'invoice INV-2024-0003: invoice number INV-2024-0003 is already booked with 22600 CNY for another customer'],
      [4, 'invoice INV-2024-0100: customer NOBODY is not a customer (import the customers first)'],
      [
        5,
        'invoice INV-2024-0101: refused by the ledger: invoice INV-2024-0101 is invalid: /amount has more decimals than CNY allows (2)',
      ],
    ]);
    expect(other.created).toBe(0);
  });
});
