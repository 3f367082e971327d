import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asStrings, bai2Totals, camtTotals, ciiTotals, mt940Totals, ublTotals, type Totals } from './oracles.ts';
import { importFiles, importTenant } from './support.ts';
import { fixtureFiles, sharedOnlyFiles } from '../support/samples.ts';
import { describeListed } from '../support/skip.ts';

const readTotals = (r: { totals: Record<string, { read: { credits: string; debits: string } }> }) =>
  Object.fromEntries(Object.entries(r.totals).map(([c, t]) => [c, { credits: t.read.credits, debits: t.read.debits }]));
const createdTotals = (r: { totals: Record<string, { created: { credits: string; debits: string } }> }) =>
  Object.fromEntries(
    Object.entries(r.totals).map(([c, t]) => [c, { credits: t.created.credits, debits: t.created.debits }]),
  );

const cases: [string, string, (p: string) => Totals][] = [
  ['camt053', 'camt053', camtTotals],
  ['camt054', 'camt054', camtTotals],
  ['mt940', 'mt940', mt940Totals],
  ['bai2', 'bai2', bai2Totals],
];

const bankSample = (dir: string, connector: string, oracle: (p: string) => Totals) => (path: string) =>
  it(`${dir}/${basename(path)}`, async () => {
    const ctx = await importTenant();
    const first = await importFiles(ctx, connector, [path]);
    const expected = asStrings(oracle(path));
    expect(readTotals(first)).toEqual(expected);
    expect(first.rejected).toBe(0);
    expect(createdTotals(first)).toEqual(expected);
    expect(first.created).toBe(first.read);
    const again = await importFiles(ctx, connector, [path]);
    expect([again.created, again.duplicates, again.read]).toEqual([0, first.read, first.read]);
    expect(again.receipts.posted).toBe(0);
  });

const eInvoice = (dir: 'ubl' | 'cii', oracle: (p: string) => Totals) => (path: string) =>
  it(`${dir}/${basename(path)}`, async () => {
    const ctx = await importTenant();
    const expected = asStrings(oracle(path));
    const probe = await importFiles(ctx, dir, [path], { dryRun: true });
    expect(readTotals(probe)).toEqual(expected);
    const seller = probe.rejections[0]?.reason.match(/\(([^)]+)\) is not this tenant|no seller/);
    expect(seller).toBeTruthy();
  });

const invoiceCases = [
  ['ubl', ublTotals],
  ['cii', ciiTotals],
] as const;

describe('every bank sample imports with control totals that match the file, and again creates nothing', () => {
  for (const [dir, connector, oracle] of cases) fixtureFiles(dir).forEach(bankSample(dir, connector, oracle));
});

describeListed('every bank sample in ../shared/samples only imports with matching control totals, once', () => {
  for (const [dir, connector, oracle] of cases) sharedOnlyFiles(dir).forEach(bankSample(dir, connector, oracle));
});

describe('every e-invoice sample becomes a receivable or credit document with its payable amount', () => {
  for (const [dir, oracle] of invoiceCases) fixtureFiles(dir).forEach(eInvoice(dir, oracle));
});

describeListed('every e-invoice sample in ../shared/samples only is read with its payable amount', () => {
  for (const [dir, oracle] of invoiceCases) sharedOnlyFiles(dir).forEach(eInvoice(dir, oracle));
});

describeListed('every CSV bank export imports with its sample config, and again creates nothing', async () => {
  const { sampleConfigs } = await import('../../packages/plugins/src/connectors/csv-bank/sample-configs.ts');
  for (const path of sharedOnlyFiles('csv'))
    it(`csv/${path.split('/').pop()}`, async () => {
      const ctx = await importTenant();
      const config = sampleConfigs[path.split('/').pop()!] ?? {};
      const first = await importFiles(ctx, 'csv-bank', [path], { inline: { connector: 'csv-bank', config } });
      // with its sample config every row of every export is read (csv-bank.test.ts checks the same per file)
      expect(first.rejections).toEqual([]);
      expect(first.created).toBe(first.read);
      expect(first.created).toBeGreaterThan(0);
      expect(createdTotals(first)).toEqual(readTotals(first));
      const again = await importFiles(ctx, 'csv-bank', [path], { inline: { connector: 'csv-bank', config } });
      expect([again.created, again.duplicates]).toEqual([0, first.created]);
    });
});
