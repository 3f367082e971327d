import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rows, sql } from '../../packages/server/src/store/db.ts';
import { testDatabase } from '../support/test-db.ts';
import { importFiles, importTenant, repoRoot } from './support.ts';

const fixture = (connector: string, file: string) =>
  join(repoRoot, 'packages/plugins/src/connectors', connector, 'fixtures', file);

describe('real banks’ and senders’ quirks import (with a warning where something was assumed)', () => {
  it('MT940 without a type code: lines stored with the raw line and the warning; the statement says so', async () => {
    const ctx = await importTenant();
    const r = await importFiles(ctx, 'mt940', [fixture('mt940', 'no-type-code.sta')]);
    expect([r.read, r.created, r.rejected]).toEqual([2, 2, 0]);
    expect(r.statements[0]!.warnings).toEqual([
      expect.stringMatching(/^line 6: :61: has no transaction type code/),
      expect.stringMatching(/^line 8: :61: has no transaction type code/),
    ]);
    const stored = await rows<{ amount: string; extra: { raw?: string; warnings?: string[] } }>(
      (await testDatabase()).db,
      sql`SELECT amount::text AS amount, extra FROM bank_lines WHERE tenant_id = ${ctx.tenant.id} ORDER BY pos_index`,
    );
    expect(stored[0]).toMatchObject({
      extra: {
        raw: ':61:2201050105CN220000,00//FT22005ABC01',
        warnings: [expect.stringMatching(/no transaction type/)],
      },
    });
  });

  it('MT940 cut before :62F: imports its lines and warns on the statement', async () => {
    const ctx = await importTenant();
    const r = await importFiles(ctx, 'mt940', [fixture('mt940', 'truncated.sta')]);
    expect([r.read, r.created, r.rejected]).toEqual([2, 2, 0]);
    expect(r.statements[0]!.warnings).toContain(
      'no closing balance (:62F:): the statement may be cut short, so its lines may be incomplete',
    );
  });

  it("an MT942 intraday report books nothing: each line is refused saying why (the day's MT940 brings them)", async () => {
    const ctx = await importTenant();
    const r = await importFiles(ctx, 'mt940', [fixture('mt940', 'intraday.942')]);
    expect([r.read, r.created, r.rejected]).toEqual([3, 0, 3]);
    expect(new Set(r.rejections.map((x) => x.reason))).toEqual(
      new Set([expect.stringMatching(/^MT942 interim reports are not imported/)]),
    );
    const stored = await rows<{ n: number }>(
      (await testDatabase()).db,
      sql`SELECT count(*)::int AS n FROM bank_lines WHERE tenant_id = ${ctx.tenant.id}`,
    );
    expect(stored[0]!.n).toBe(0);
  });

  it('a ZUGFeRD EXTENDED invoice with freight as a logistics service charge becomes a receivable for its total', async () => {
    const ctx = await importTenant();
    const r = await importFiles(ctx, 'cii', [fixture('cii', 'extended-logistics-charge.xml')], {
      inline: { connector: 'cii', config: {}, options: { sellerTaxIds: ['DE123456789'] } },
    });
    expect(r.rejections).toEqual([]);
    expect([r.read, r.created, r.documents.created]).toEqual([1, 1, 1]);
    expect(r.totals.EUR!.created).toEqual({ count: 1, credits: '0', debits: '136.85' });
  });

  it('camt.053 entries without dates are stored on the statement period end, once; a Stuzza-wrapped camt imports', async () => {
    const ctx = await importTenant();
    const r = await importFiles(ctx, 'camt053', [fixture('camt053', 'undated-entries.xml')]);
    expect([r.read, r.created, r.rejected]).toEqual([3, 3, 0]);
    expect(r.statements[0]!.warnings).toEqual([
      "2 entries have neither a booking nor a value date: booked on 2026-02-28, the statement's period end (FrToDt)",
    ]);
    const stored = await rows<{ booking_date: string }>(
      (await testDatabase()).db,
      sql`SELECT booking_date::text AS booking_date FROM bank_lines WHERE tenant_id = ${ctx.tenant.id} ORDER BY pos_index`,
    );
    expect(stored.map((x) => x.booking_date)).toEqual(['2026-02-28', '2026-02-28', '2026-02-27']);
    const again = await importFiles(ctx, 'camt053', [fixture('camt053', 'undated-entries.xml')]);
    expect([again.created, again.duplicates]).toEqual([0, 3]);
    const at = await importFiles(ctx, 'camt053', [fixture('camt053', 'stuzza-wrapper.xml')]);
    expect([at.read, at.created, at.rejected]).toEqual([1, 1, 0]);
  });
});
