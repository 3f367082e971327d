import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  collectParse,
  controlTotals,
  formatConformanceProblems,
  fromFile,
  runConnectorConformance,
} from '@hexiao/plugins/sdk';
import camt053 from './index.ts';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const parse = (file: string) => collectParse(camt053, fromFile(`${fixtures}/${file}`));

describe('camt053 on fixtures written for real-bank quirks', () => {
  it('passes the conformance kit on every fixture', async () => {
    const report = await runConnectorConformance({ connector: camt053, samples: fixtures });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.notChecked).toEqual([]);
  });

  it('a statement repeated in the file, entries reordered, gives its lines the keys they had the first time', async () => {
    const r = await parse('repeated-statement.xml');
    expect(r.rejections).toEqual([]);
    expect(r.statements.map((s) => s.statementId)).toEqual(['STMT-0105', 'STMT-0106', 'STMT-0105']);
    const keys = r.lines.map((l) => l.sourceKey);
    expect(keys).toHaveLength(7);
    expect(new Set(keys).size).toBe(4);
    expect(keys.slice(4)).toEqual([keys[2], keys[0], keys[1]]);
    expect(controlTotals(r.lines.slice(0, 4))).toEqual({ EUR: { credits: '360.00', debits: '40.00', count: 4 } });
  });
});
