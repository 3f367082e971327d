import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { camt053, camt054, type GenEntry } from './generated.ts';
import { importDeps, importFiles, importTenant } from './support.ts';
import { createCustomers } from '../../packages/server/src/domain/customers/index.ts';
import { testDatabase } from '../support/test-db.ts';
import { rows, sql } from '../../packages/server/src/store/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'hexiao-import-test-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const iban = 'DE89370400440532013000';
const payer = 'NL91ABNA0417164300';
const entries: GenEntry[] = [
  { ref: 'BR-1', e2e: 'E2E-1', amount: '100.00', credit: true, date: '2026-01-02', payerIban: payer },
  { ref: 'BR-2', e2e: 'E2E-2', amount: '250.50', credit: true, date: '2026-01-02' },
  { ref: 'BR-3', e2e: 'E2E-3', amount: '40.00', credit: false, date: '2026-01-03' },
];

describe('idempotent imports', () => {
  it('the same bookings by camt.053 then camt.054 create nothing the second time; the payer is matched by bank account', async () => {
    const ctx = await importTenant();
    const deps = await importDeps();
    const [customer] = await createCustomers(deps, ctx, [
      { code: 'ACME', name: 'Acme', bankAccounts: [{ iban: payer }] },
    ]);
    const stmt = write(
      'pair-053.xml',
      camt053({ iban, id: 'S-1', opening: '1000', closing: '1310.5', from: '2026-01-02', to: '2026-01-03', entries }),
    );
    const ntf = write('pair-054.xml', camt054({ iban, id: 'N-1', entries }));
    const first = await importFiles(ctx, 'camt053', [stmt]);
    expect([first.read, first.created, first.receipts.posted, first.receipts.unidentified]).toEqual([3, 3, 2, 1]);
    const second = await importFiles(ctx, 'camt054', [ntf]);
    expect([second.read, second.created, second.duplicates, second.receipts.posted]).toEqual([3, 0, 3, 0]);
    const db = (await testDatabase()).db;
    const docs = await rows<{ customer_id: string | null }>(
      db,
      sql`SELECT customer_id FROM ledger_documents WHERE tenant_id = ${ctx.tenant.id} AND doc_type = 'receipt' ORDER BY amount`,
    );
    expect(docs.map((d) => d.customer_id)).toEqual([customer!.id, null]);
  });

  it('overlapping statements store each booking once and flag a gap when the opening balance differs', async () => {
    const ctx = await importTenant();
    const a = write(
      'ov-a.xml',
      camt053({ iban, id: 'A', opening: '0', closing: '310.5', from: '2026-01-02', to: '2026-01-03', entries }),
    );
    const more: GenEntry = { ref: 'BR-4', e2e: 'E2E-4', amount: '9.50', credit: true, date: '2026-01-04' };
    const b = write(
      'ov-b.xml',
      camt053({
        iban,
        id: 'B',
        opening: '300',
        closing: '320',
        from: '2026-01-03',
        to: '2026-01-04',
        entries: [entries[2]!, more],
      }),
    );
    await importFiles(ctx, 'camt053', [a]);
    const second = await importFiles(ctx, 'camt053', [b]);
    expect([second.read, second.created, second.duplicates]).toEqual([2, 1, 1]);
    expect(second.statements[0]!.gap).toEqual({ previousStatement: 'A', previousClosing: '310.5', opening: '300' });
  });

  it('a return reverses the receipt of the line it returns', async () => {
    const ctx = await importTenant();
    await importFiles(ctx, 'camt053', [
      write(
        'r-1.xml',
        camt053({ iban, id: 'R1', opening: '0', closing: '310.5', from: '2026-01-02', to: '2026-01-03', entries }),
      ),
    ]);
    const back: GenEntry = {
      ref: 'BR-9',
      e2e: 'E2E-2',
      amount: '250.50',
      credit: false,
      reversal: true,
      date: '2026-01-05',
    };
    const r = await importFiles(ctx, 'camt053', [
      write(
        'r-2.xml',
        camt053({
          iban,
          id: 'R2',
          opening: '310.5',
          closing: '60',
          from: '2026-01-05',
          to: '2026-01-05',
          entries: [back],
        }),
      ),
    ]);
    expect([r.created, r.receipts.reversed]).toEqual([1, 1]);
    expect(r.statements[0]!.gap).toBeUndefined();
  });

  it('a statement for an unknown company bank account is refused line by line when the config says reject', async () => {
    const ctx = await importTenant();
    const p = write(
      'unknown.xml',
      camt053({ iban, id: 'U', opening: '0', closing: '310.5', from: '2026-01-02', to: '2026-01-03', entries }),
    );
    const r = await importFiles(ctx, 'camt053', [p], {
      inline: { connector: 'camt053', config: {}, options: { unknownBankAccount: 'reject' } },
    });
    expect([r.read, r.created, r.rejected]).toEqual([3, 0, 3]);
    expect(r.rejections.map((x) => x.position.index)).toEqual([0, 1, 2]);
    expect(r.rejections[0]!.reason).toMatch(/company bank account DE89370400440532013000 is unknown/);
  });

  it('a dry run writes nothing', async () => {
    const ctx = await importTenant();
    const p = write(
      'dry.xml',
      camt053({ iban, id: 'D', opening: '0', closing: '310.5', from: '2026-01-02', to: '2026-01-03', entries }),
    );
    const dry = await importFiles(ctx, 'camt053', [p], { dryRun: true, inline: { connector: 'camt053', config: {} } });
    expect([dry.created, dry.importId]).toEqual([3, null]);
    const real = await importFiles(ctx, 'camt053', [p]);
    expect(real.created).toBe(3);
  });
});
