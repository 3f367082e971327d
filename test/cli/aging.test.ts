import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hexiao } from './run-cli.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('hexiao aging', () => {
  it('prints the aging of imported open invoices as of a date, and writes it as CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hexiao-cli-aging-'));
    dirs.push(dir);
    const env = {
      HEXIAO_DATA_DIR: dir,
      HEXIAO_TENANT: `ag-${randomBytes(5).toString('hex')}`,
      HEXIAO_BASE_CURRENCY: 'CNY',
    };
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const imp = (connector: string, path: string) => {
      const r = hexiao(['import', connector, path, '--json'], env);
      expect(r.status, r.stderr).toBe(0);
    };
    imp('customers-csv', file('c.csv', 'code,name,currency\nK1,客户一,CNY\nK2,客户二,CNY\n'));
    imp(
      'invoices-csv',
      file(
        'i.csv',
        'invoice_no,customer_code,currency,amount,issue_date,due_date\n' +
          'A-1,K1,CNY,100.10,2024-05-01,2024-06-30\n' +
          'A-2,K1,CNY,200.20,2024-04-01,2024-05-31\n' +
          'B-1,K2,CNY,5000.00,2024-03-01,2024-03-31\n',
      ),
    );
    const r = hexiao(['aging', '--as-of', '2024-06-30', '--buckets', '0,30,60', '--json'], env);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    // A-1 due today (0 days), A-2 30 days past due, B-1 91 days
    expect(report.rows.map((x: { label: string; buckets: string[] }) => [x.label, ...x.buckets])).toEqual([
      ['K2 客户二', '0.00', '0.00', '0.00', '5000.00'],
      ['K1 客户一', '100.10', '200.20', '0.00', '0.00'],
    ]);
    const out = join(dir, 'aging.csv');
    const csv = hexiao(['aging', '--as-of', '2024-06-30', '--buckets', '0,30,60', '--out', out], env);
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout).toMatch(/total\s+3\s+100\.10\s+200\.20\s+0\.00\s+5000\.00\s+5300\.30/);
    expect(readFileSync(out, 'utf8').trim().split('\n').at(-1)).toBe(',total,3,100.10,200.20,0.00,5000.00,5300.30');
    const bad = hexiao(['aging', '--as-of', '2024-06-30', '--buckets', '60,30'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--buckets bounds must ascend/);
    // the reminder sweep names the plan it lacks (this tenant published none)
    const remind = hexiao(['remind', '--as-of', '2024-06-30'], env);
    expect(remind.status).not.toBe(0);
    expect(remind.stderr).toMatch(/--plan no published reminder-plan default/);
  }, 180_000);
});
