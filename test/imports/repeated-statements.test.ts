import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles, importTenant, repoRoot } from './support.ts';

const fixture = (connector: string, file: string) =>
  join(repoRoot, 'packages/plugins/src/connectors', connector, 'fixtures', file);
const dir = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'hexiao-repeat-'));

describe('a statement repeated inside one file is booked once', () => {
  it('MT940: the repeated day creates nothing; a re-import creates nothing; an earlier import of that day counts', async () => {
    const file = fixture('mt940', 'repeated-statement.sta');
    const ctx = await importTenant();
    const r = await importFiles(ctx, 'mt940', [file]);
    expect([r.read, r.created, r.duplicates, r.rejected]).toEqual([10, 6, 4, 0]);
    expect(r.totals.EUR!.created).toEqual({ count: 6, credits: '475.5', debits: '40' });
    expect(r.statements.map((s) => [s.statementId, s.created])).toEqual([
      ['STMT260105', true],
      ['STMT260106', true],
      ['STMT260105', false],
    ]);
    expect(r.receipts.posted).toBe(5);
    const again = await importFiles(ctx, 'mt940', [file]);
    expect([again.created, again.duplicates, again.receipts.posted]).toEqual([0, 10, 0]);

    // yesterday's file alone first, then the export that repeats it around today's statement
    const ctx2 = await importTenant();
    const text = readFileSync(file, 'latin1');
    const yesterday = join(dir, 'yesterday.sta');
    writeFileSync(yesterday, text.slice(0, text.indexOf(':20:STMT260106')), 'latin1');
    const first = await importFiles(ctx2, 'mt940', [yesterday]);
    expect([first.created, first.receipts.posted]).toEqual([4, 3]);
    const later = await importFiles(ctx2, 'mt940', [file]);
    expect([later.created, later.duplicates, later.receipts.posted]).toEqual([2, 8, 2]);
  });

  it('camt.053: a statement repeated with its entries reordered creates and posts its entries once', async () => {
    const ctx = await importTenant();
    const r = await importFiles(ctx, 'camt053', [fixture('camt053', 'repeated-statement.xml')]);
    expect([r.read, r.created, r.duplicates, r.rejected]).toEqual([7, 4, 3, 0]);
    expect(r.statements.map((s) => s.created)).toEqual([true, true, false]);
    expect(r.receipts.posted).toBe(3);
  });

  it('BAI2: a repeated group creates and posts its details once', async () => {
    const ctx = await importTenant();
    const r = await importFiles(ctx, 'bai2', [fixture('bai2', 'repeated-group.bai2')]);
    expect([r.read, r.created, r.duplicates, r.rejected]).toEqual([8, 4, 4, 0]);
    expect(r.statements.map((s) => s.created)).toEqual([true, false]);
    expect(r.receipts.posted).toBe(3);
  });
});
