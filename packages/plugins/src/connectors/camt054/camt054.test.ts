import { describe, expect, it } from 'vitest';
import {
  collectParse,
  controlTotals,
  formatConformanceProblems,
  fromFile,
  runConnectorConformance,
} from '@hexiao/plugins/sdk';
import camt053 from '../camt053/index.ts';
import { fixtureFolder, sample, sharedFolder } from '../../../../../test/support/samples.ts';
import { describeListed } from '../../../../../test/support/skip.ts';
import camt054 from './index.ts';

const parse = (file: string) => collectParse(camt054, fromFile(sample('camt054', file)));

describe('camt054 on the real samples', () => {
  it('passes the conformance kit on every sample in the repository', async () => {
    const report = await runConnectorConformance({ connector: camt054, samples: fixtureFolder('camt054') });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(5);
    expect(report.ok).toBe(true);
  });

  it('FFFS v02 (CR-only line ends): netted credit notes, RF references, USD/JPY, reversed INFO entry', async () => {
    const r = await parse('fffs-finland-camt054-v02-sample.xml');
    expect(r.rejections).toEqual([]);
    expect(new Set(r.lines.map((l) => l.position.index)).size).toBe(6);
    expect(controlTotals(r.lines)).toEqual({ EUR: { credits: '5600.00', debits: '5230.05', count: 13 } });
    expect(r.lines.find((l) => l.endToEndId === 'EndToEndIdAT-41-001')).toMatchObject({
      amount: '2500.00',
      creditorReference: 'RF7812345',
    });
    const info = r.lines.filter((l) => l.status === 'INFO');
    expect(info.map((l) => [l.amount, l.reversal, l.returnInfo?.reason?.slice(0, 4)])).toEqual([
      ['40.00', true, 'AC01'],
      ['60.00', true, 'CUST'],
    ]);
    expect(r.statements[0]).toMatchObject({ statementId: 'BANKFILEID00001NTR00001', declared: { count: 6 } });
    expect(r.statements[0]!.position.line).toBeGreaterThan(1); // lines counted on CR-only endings
  });

  it('PostFinance ESR 2019: collective credit of 1537.00 split into 5 ISR payments', async () => {
    const r = await parse('postfinance-camt054-v04-esr-2019.xml');
    expect(controlTotals(r.lines)).toEqual({ CHF: { credits: '1537.00', debits: '147.00', count: 6 } });
    const credits = r.lines.filter((l) => l.direction === 'credit');
    expect(credits.map((l) => l.amount)).toEqual(['250.00', '200.00', '300.00', '324.00', '463.00']);
    expect(credits.every((l) => l.creditorReference && /^\d{27}$/.test(l.creditorReference))).toBe(true);
    expect(credits.every((l) => l.bookingDate === '2019-04-24' && l.valueDate === '2019-04-25')).toBe(true);
  });

  it('PostFinance QRR v08: two QR-bill payments with their QRR references', async () => {
    const r = await parse('postfinance-camt054-v08-qrr-2020.xml');
    expect(r.lines.map((l) => [l.amount, l.creditorReference])).toEqual([
      ['778.29', '539115429773825311971477453'],
      ['913.93', '662437765447746478179744715'],
    ]);
    expect(r.lines[0]).toMatchObject({ bookingDate: '2020-06-18', counterparty: { name: 'Bernasconi Maria' } });
  });

  it('returns and genkgo samples', async () => {
    const ret = await parse('postfinance-camt054-v04-returns-2020.xml');
    expect(ret.lines).toEqual([
      expect.objectContaining({
        amount: '500.00',
        direction: 'credit',
        reversal: true,
        returnInfo: expect.objectContaining({ reason: 'AC01: Kontonummer falsch' }),
      }),
    ]);
    const gk = await parse('genkgo-camt054-v08.xml');
    expect(controlTotals(gk.lines)).toEqual({ SEK: { credits: '0.00', debits: '200000.00', count: 1 } });
  });

  it('the same booking in camt.054 and camt.053 gets the same source key', async () => {
    const fromNotification = await parse('fffs-finland-camt054-v02-sample.xml');
    const fromStatement = await collectParse(
      camt053,
      fromFile(sample('camt053', 'fffs-finland-camt053-v02-sample.xml')),
    );
    const keys053 = new Set(fromStatement.lines.map((l) => l.sourceKey));
    const shared = fromNotification.lines.filter((l) => keys053.has(l.sourceKey)).map((l) => l.bankReference);
    expect(shared).toEqual(['091029ARCH03001', '091029ARCH03002', '091029ARCH03003']);
  });

  it('refuses a camt.053 document', async () => {
    const r = await collectParse(camt054, fromFile(sample('camt053', 'genkgo-camt053-v08.xml')));
    expect(r.records).toEqual([]);
    expect(r.rejections[0]?.reason).toMatch(/camt\.053 .*reads camt\.054 only/);
  });
});

describeListed('camt054 on the shared samples that are not in the repository', () => {
  it('passes the conformance kit on every shared sample', async () => {
    const report = await runConnectorConformance({ connector: camt054, samples: sharedFolder('camt054') });
    expect(formatConformanceProblems(report)).toBe('');
    expect(report.files).toHaveLength(6);
    expect(report.ok).toBe(true);
  });

  it('OCA v04: one batched credit', async () => {
    const oca = await parse('oca-test-camt054-v04.xml');
    expect(oca.lines.map((l) => [l.amount, l.endToEndId, l.bankReference])).toEqual([
      ['5.00', 'ENDTOENDID-01', '98888208N8'],
    ]);
  });
});
