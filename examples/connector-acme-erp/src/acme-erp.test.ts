import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  collectParse,
  formatConformanceProblems,
  fromBuffer,
  fromFile,
  isConnector,
  runConnectorConformance,
  type InvoiceRecord,
} from '@hexiao/plugins/sdk';
import acme from './index.ts';

const samples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../samples');
const sample = (f: string) => path.join(samples, f);

describe('acme-erp connector', () => {
  it('is a connector built with the public SDK', () => {
    expect(isConnector(acme)).toBe(true);
    expect([acme.id, acme.kind]).toEqual(['acme-erp', 'e-invoice']);
  });

  it('reads the March export: two invoices, and rejects one whose lines do not add up and one with an unknown currency', async () => {
    const r = await collectParse(acme, fromFile(sample('acme-invoices-2025-03.json')));
    const invoices = r.records as InvoiceRecord[];
    expect(
      invoices.map((i) => [i.number, i.documentKind, i.currency, i.totals.taxInclusive, i.totals.payable]),
    ).toEqual([
      ['AC-2025-0311', 'invoice', 'EUR', '628.03', '628.03'],
      ['AC-2025-0312', 'invoice', 'CHF', '640.00', '440'],
    ]);
    const first = invoices[0]!;
    expect(first).toMatchObject({
      sourceKey: 'DE129273398|AC-2025-0311|invoice',
      issueDate: '2025-03-03',
      dueDate: '2025-04-02',
      orderReference: 'PO-88231',
      seller: { name: 'Acme Werkzeuge GmbH', taxId: 'DE129273398', gln: '4012345000009' },
      buyer: { name: 'Baumarkt Süd AG', taxId: 'DE811569869', gln: '4398765000002', ids: ['acme:K-1001'] },
      paymentMeans: {
        code: '58',
        paymentId: 'AC-2025-0311',
        accounts: [{ iban: 'DE02120300000000202051', bic: 'BYLADEM1001' }],
      },
    });
    expect(first.taxes.map((t) => [t.rate, t.taxableAmount, t.taxAmount])).toEqual([
      ['19', '484.60', '92.07'],
      ['7', '48.00', '3.36'],
    ]);
    expect(first.lines.map((l) => l.netAmount)).toEqual(['359.60', '125.00', '48.00']);
    expect(r.rejections).toEqual([
      {
        position: { index: 2, xpath: '/invoices/2' },
        field: 'totals.lineTotal',
        reason: 'invoice AC-2025-0313: lines add up to 40, the export says net 41.00',
      },
      {
        position: { index: 3, xpath: '/invoices/3' },
        field: 'currency',
        reason: 'invoice AC-2025-0314: unknown currency "EURO"',
      },
    ]);
  });

  it('turns a CRN into a credit note linked to the invoice it credits', async () => {
    const r = await collectParse(acme, fromFile(sample('acme-credit-notes-2025-03.json')));
    expect(r.rejections).toEqual([]);
    expect(r.records[0]).toMatchObject({
      type: 'invoice',
      documentKind: 'credit-note',
      typeCode: '381',
      number: 'AG-2025-0020',
      sourceKey: 'DE129273398|AG-2025-0020|credit-note',
      precedingInvoices: [{ number: 'AC-2025-0311', issueDate: '2025-03-03' }],
      totals: { lineTotal: '89.90', tax: '17.08', taxInclusive: '106.98', payable: '106.98' },
    });
  });

  it('rejects a file that is not an ACME export', async () => {
    const notJson = await collectParse(acme, fromBuffer('x.json', '<Invoice/>'));
    expect(notJson.rejections[0]!.reason).toMatch(/not JSON/);
    const other = await collectParse(
      acme,
      fromBuffer('x.json', JSON.stringify({ acme: { export: 'customers' }, invoices: [] })),
    );
    expect(other.rejections[0]!.reason).toMatch(/not an ACME ERP invoice export/);
  });

  it('passes the conformance kit on its own samples', async () => {
    const report = await runConnectorConformance({ connector: acme, samples });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.notChecked).toEqual([]);
    expect(report.files.map((f) => [f.file, f.records, f.rejections])).toEqual([
      ['acme-credit-notes-2025-03.json', 1, 0],
      ['acme-invoices-2025-03.json', 2, 2],
    ]);
    expect(report.ok).toBe(true);
  });
});
