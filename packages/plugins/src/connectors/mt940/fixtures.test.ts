import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  collectParse,
  controlTotals,
  formatConformanceProblems,
  fromFile,
  runConnectorConformance,
} from '@hexiao/plugins/sdk';
import mt940 from './index.ts';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const parse = (file: string) => collectParse(mt940, fromFile(`${fixtures}/${file}`));

describe('mt940 on fixtures written for real-bank quirks', () => {
  it('passes the conformance kit on every fixture', async () => {
    const report = await runConnectorConformance({ connector: mt940, samples: fixtures });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.notChecked).toEqual([]);
  });

  it('a statement repeated in the file gives its lines the keys they had the first time', async () => {
    const r = await parse('repeated-statement.sta');
    expect(r.rejections).toEqual([]);
    expect(r.statements.map((s) => s.statementId)).toEqual(['STMT260105', 'STMT260106', 'STMT260105']);
    expect(r.lines).toHaveLength(10);
    const keys = r.lines.map((l) => l.sourceKey);
    expect(new Set(keys).size).toBe(6);
    expect(keys.slice(6)).toEqual(keys.slice(0, 4));
    // the two identical NONREF credits of the first day keep two distinct keys
    expect(keys[1]).not.toBe(keys[2]);
    expect(controlTotals(r.lines.slice(0, 6))).toEqual({ EUR: { credits: '475.50', debits: '40.00', count: 6 } });
  });
});
