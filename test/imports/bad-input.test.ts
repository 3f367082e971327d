import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles, importTenant, sample } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'hexiao-bad-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const camt = readFileSync(sample('camt053', 'postfinance-camt053-v04-2016.xml'), 'utf8');

describe('bad files get a clear report; good records before the damage are still imported', () => {
  it('a truncated statement keeps its complete entries and reports where it broke', async () => {
    const ctx = await importTenant();
    const cut = camt.slice(0, camt.indexOf('<Ntry>', camt.length / 2));
    const complete = (cut.match(/<\/Ntry>/g) ?? []).length;
    const r = await importFiles(ctx, 'camt053', [write('cut.xml', cut)]);
    expect(r.created).toBeGreaterThanOrEqual(complete);
    expect(r.rejected).toBe(1);
    expect(r.rejections[0]!.reason).toMatch(/truncated|unreadable/);
  });

  it('a file that is not XML creates nothing and says why', async () => {
    const ctx = await importTenant();
    const r = await importFiles(ctx, 'camt053', [write('not.xml', 'date,amount\n2024-01-01,12.00\n')]);
    expect([r.created, r.rejected]).toEqual([0, 1]);
  });

  it('an unknown connector or an invalid connector config is refused before anything is read', async () => {
    const ctx = await importTenant();
    const p = write('ok.xml', camt);
    await expect(importFiles(ctx, 'nope', [p])).rejects.toMatchObject({ type: 'invalid_data' });
    await expect(
      importFiles(ctx, 'csv-bank', [p], { inline: { connector: 'csv-bank', config: { delimiter: 42 } } }),
    ).rejects.toMatchObject({ type: 'invalid_data' });
  });
});
