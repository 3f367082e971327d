import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importDeps, importFiles, importTenant } from '../imports/support.ts';
import { camt053 } from '../imports/generated.ts';
import { insertCustomers } from '../../packages/server/src/store/repos/customers.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { matchAfterImport } from '../../packages/server/src/domain/matching/index.ts';

const statement = (id: string, invoice: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'hexiao-camt-')), `${id}.xml`);
  writeFileSync(
    path,
    camt053({
      iban: 'CH9300762011623852957',
      id,
      opening: '0',
      closing: '0',
      from: '2024-06-01',
      to: '2024-06-30',
      // the generator writes the remittance as `invoice <end-to-end id>`
      entries: [{ ref: `${id}-R1`, e2e: invoice, amount: '250.00', credit: true, date: '2024-06-04' }],
    }),
  );
  return path;
};

describe('an import triggers a matching run on what it brought', { timeout: 120_000 }, () => {
  it("runs when the connector config's options.match asks, over that import's receipts only", async () => {
    const ctx = await importTenant();
    const deps = await importDeps();
    const [c] = await insertCustomers(deps.db, [
      { tenantId: ctx.tenant.id, id: newId(), code: 'IMP-C', name: 'Import Co', custom: {}, status: 'active' },
    ]);
    const inv = async (number: string) =>
      (
        await postDocument(deps, ctx, {
          type: 'invoice',
          number,
          customerId: c!.id,
          currency: 'EUR',
          amount: '250.00',
          documentDate: '2024-05-20',
        })
      ).document.id;
    const quiet = await inv('IMP-INV-0001');
    const asked = await inv('IMP-INV-0002');

    const plain = await importFiles(ctx, 'camt053', [statement('IMP-A', 'IMP-INV-0001')]);
    expect(plain.matchRequested).toBeUndefined();
    expect(await matchAfterImport(deps, ctx, plain)).toBeNull();

    const report = await importFiles(ctx, 'camt053', [statement('IMP-B', 'IMP-INV-0002')], {
      inline: { connector: 'camt053', config: {}, options: { match: 'post' } },
    });
    expect(report.matchRequested).toBe('post');
    const run = await matchAfterImport(deps, ctx, report);
    // one receipt in scope (the first import's receipt is left to a run over everything)
    expect(run).toMatchObject({ dryRun: false, counts: { receipts: 1, auto: 1 } });
    const open = await getOpenItems(deps.db, ctx.tenant.id, [quiet, asked]);
    expect(open.get(asked)!.status).toBe('settled');
    expect(open.get(quiet)!.status).toBe('open');
  });
});
