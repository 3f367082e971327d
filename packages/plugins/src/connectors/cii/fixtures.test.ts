import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectParse, formatConformanceProblems, fromFile, runConnectorConformance } from '@hexiao/plugins/sdk';
import cii from './index.ts';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));

describe('cii on fixtures written for real senders’ quirks', () => {
  it('passes the conformance kit on every fixture', async () => {
    const report = await runConnectorConformance({ connector: cii, samples: fixtures });
    expect(formatConformanceProblems(report)).toBe('');
  });

  it('ZUGFeRD EXTENDED logistics service charges (freight) count as charges', async () => {
    const r = await collectParse(cii, fromFile(`${fixtures}/extended-logistics-charge.xml`));
    expect(r.rejections).toEqual([]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({
      number: 'EXT-2026-0042',
      allowancesCharges: [{ charge: true, amount: '15', reason: 'Fracht', taxCategory: 'S', taxRate: '19' }],
      totals: { lineTotal: '100', chargeTotal: '15', taxExclusive: '115', tax: '21.85', payable: '136.85' },
    });
  });
});
