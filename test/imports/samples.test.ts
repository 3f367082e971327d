import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asStrings, bai2Totals, camtTotals, ciiTotals, mt940Totals, ublTotals, type Totals } from './oracles.ts';
import { importFiles, importTenant, sample, samples } from './support.ts';

const files = (dir: string) =>
  readdirSync(`${samples}/${dir}`)
    .filter((f) => !f.endsWith('.md'))
    .map((f) => sample(dir, f));

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

describe('every bank sample imports with control totals that match the file, and again creates nothing', () => {
  for (const [dir, connector, oracle] of cases)
    for (const path of files(dir))
      it(`${dir}/${path.split('/').pop()}`, async () => {
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
});

describe('every e-invoice sample becomes a receivable or credit document with its payable amount', () => {
  for (const [dir, oracle] of [
    ['ubl', ublTotals],
    ['cii', ciiTotals],
  ] as const)
    for (const path of files(dir))
      it(`${dir}/${path.split('/').pop()}`, async () => {
        const ctx = await importTenant();
        const expected = asStrings(oracle(path));
        const probe = await importFiles(ctx, dir, [path], { dryRun: true });
        expect(readTotals(probe)).toEqual(expected);
        const seller = probe.rejections[0]?.reason.match(/\(([^)]+)\) is not this tenant|no seller/);
        expect(seller).toBeTruthy();
      });
});

describe('every CSV bank export imports with its sample config, and again creates nothing', async () => {
  const { sampleConfigs } = await import('../../packages/plugins/src/connectors/csv-bank/sample-configs.ts');
  for (const path of files('csv'))
    it(`csv/${path.split('/').pop()}`, async () => {
      const ctx = await importTenant();
      const config = sampleConfigs[path.split('/').pop()!] ?? {};
      const first = await importFiles(ctx, 'csv-bank', [path], { inline: { connector: 'csv-bank', config } });
      expect(first.created + first.rejected).toBe(first.read);
      expect(first.created).toBeGreaterThan(0);
      expect(createdTotals(first)).toEqual(first.rejected ? createdTotals(first) : readTotals(first));
      const again = await importFiles(ctx, 'csv-bank', [path], { inline: { connector: 'csv-bank', config } });
      expect([again.created, again.duplicates]).toEqual([0, first.created]);
    });
});
