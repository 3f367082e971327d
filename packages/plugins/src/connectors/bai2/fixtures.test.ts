import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  collectParse,
  controlTotals,
  formatConformanceProblems,
  fromBuffer,
  fromFile,
  runConnectorConformance,
} from '@hexiao/plugins/sdk';
import bai2 from './index.ts';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const parse = (file: string) => collectParse(bai2, fromFile(`${fixtures}/${file}`));

describe('bai2 on fixtures written for real-bank quirks', () => {
  it('passes the conformance kit on every fixture', async () => {
    const report = await runConnectorConformance({ connector: bai2, samples: fixtures });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.notChecked).toEqual([]);
  });

  it('a group repeated in the file is the same statement: same id, its lines keep their keys', async () => {
    const r = await parse('repeated-group.bai2');
    expect(r.rejections).toEqual([]);
    expect(r.statements.map((s) => s.sourceKey)).toEqual([r.statements[0]!.sourceKey, r.statements[0]!.sourceKey]);
    expect(r.statements.every((s) => !s.warnings)).toBe(true);
    const keys = r.lines.map((l) => l.sourceKey);
    expect(keys).toHaveLength(8);
    expect(new Set(keys).size).toBe(4);
    expect(keys.slice(4)).toEqual(keys.slice(0, 4));
    expect(controlTotals(r.lines.slice(0, 4))).toEqual({ USD: { credits: '450.00', debits: '50.00', count: 4 } });
  });

  it('two sections of one account in one group (as a Canadian bank sends) stay two statements with distinct lines', async () => {
    const section = ['03,10200123456,CAD,040,0,,,045,0,,/', '16,409,2000,V,260316,,,,CHEQUE/', '49,2000,3/'];
    const text = ['01,0004,12345,260321,0829,001,80,1,2/', '02,12345,0004,1,260317,,CAD,/', ...section, ...section];
    const r = await collectParse(
      bai2,
      fromBuffer('two-sections.bai2', [...text, '98,4000,2,8/', '99,4000,1,10/'].join('\n')),
    );
    expect(new Set(r.statements.map((s) => s.sourceKey)).size).toBe(2);
    expect(new Set(r.lines.map((l) => l.sourceKey)).size).toBe(2);
  });
});
