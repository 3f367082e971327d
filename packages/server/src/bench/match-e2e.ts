/**
 * The end-to-end part of `hexiao bench match`: the generated ledger written as a company would bring it
 * (customers-csv, invoices-csv, a camt.053 statement), imported into a fresh tenant, then one posting matching
 * run; each phase timed, and the posted settlements scored against the generator's truth.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connector } from '@hexiao/plugins/sdk';
import { builtInConnectors } from '@hexiao/plugins';
import { defaults } from '../config/config.ts';
import { systemActor } from '../domain/context.ts';
import { newId } from '../domain/ids.ts';
import { runImport } from '../domain/imports/index.ts';
import { runMatching } from '../domain/matching/index.ts';
import type { Database } from '../store/db.ts';
import { insertTenant } from '../store/repos/tenants.ts';
import type { BenchLedger } from './match-data.ts';

const connectors = new Map(builtInConnectors.map((c) => [c.id, c as Connector<unknown>]));
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const csv = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function writeFiles(dir: string, ledger: BenchLedger) {
  const { customers, items, receipts } = ledger.snapshot;
  const code = new Map(customers.map((c) => [c.id, c.code]));
  writeFileSync(
    join(dir, 'customers.csv'),
    [
      'code,name,tax_id,iban,parent_code,currency',
      ...customers.map((c) =>
        [c.code, c.name, c.taxId ?? '', c.accounts.join(';'), c.parentId ? code.get(c.parentId)! : '', 'EUR']
          .map(csv)
          .join(','),
      ),
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'invoices.csv'),
    [
      'invoice_no,customer_code,currency,amount,issue_date,due_date',
      ...items.map((i) =>
        [i.number, code.get(i.customerId!)!, i.currency, i.amount, i.documentDate, i.dueDate].join(','),
      ),
    ].join('\n'),
  );
  const entries = receipts.map(
    (r) => `
      <Ntry><Amt Ccy="EUR">${r.amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${r.documentDate}</Dt></BookgDt><ValDt><Dt>${r.valueDate}</Dt></ValDt>
        <AcctSvcrRef>${xml(r.bankReference!)}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy="EUR">${r.amount}</Amt>
          <RltdPties><Dbtr><Pty><Nm>${xml(r.payerName ?? '')}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>${r.payerAccount}</IBAN></Id></DbtrAcct></RltdPties>
          ${r.text ? `<RmtInf><Ustrd>${xml(r.text)}</Ustrd></RmtInf>` : ''}
        </TxDtls></NtryDtls></Ntry>`,
  );
  writeFileSync(
    join(dir, 'statement.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
  <GrpHdr><MsgId>BENCH-MATCH</MsgId><CreDtTm>2026-12-01T18:00:00</CreDtTm></GrpHdr>
  <Stmt><Id>BENCH-MATCH-1</Id><ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>2026-12-01T18:00:00</CreDtTm>
    <FrToDt><FrDtTm>2026-10-01T00:00:00</FrDtTm><ToDtTm>2026-11-30T23:59:59</ToDtTm></FrToDt>
    <Acct><Id><IBAN>CH9300762011623852957</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries.join('')}
  </Stmt></BkToCstmrStmt></Document>
`,
  );
}

export async function runMatchEndToEnd(database: Database, label: string, ledger: BenchLedger) {
  const dir = mkdtempSync(join(tmpdir(), 'hexiao-bench-match-'));
  try {
    writeFiles(dir, ledger);
    const tenant = await insertTenant(database.db, {
      id: newId(),
      slug: `bench-${randomBytes(4).toString('hex')}`,
      name: 'bench match',
      baseCurrency: 'EUR',
    });
    const ctx = { tenant, actor: systemActor('bench') };
    const deps = {
      db: database.db,
      auditKey: Buffer.from('bench-key'),
      connectors,
      dbKind: database.kind,
      maxExpandedBytes: defaults.expansionFactor * defaults.maxUploadBytes,
      batchLines: defaults.importBatchLines,
    };
    const phases: Record<string, number> = {};
    const timed = async <T>(name: string, f: () => Promise<T>) => {
      const t0 = performance.now();
      const out = await f();
      phases[name] = Math.round(performance.now() - t0);
      return out;
    };
    const file = (name: string) => [{ name, path: join(dir, name) }];
    const imp = (connector: string, name: string) =>
      runImport(deps, ctx, { connector, dryRun: false, allowDefaults: true, files: file(name) });
    const customers = await timed('customersCsv', () => imp('customers-csv', 'customers.csv'));
    const invoices = await timed('invoicesCsv', () => imp('invoices-csv', 'invoices.csv'));
    const statement = await timed('camt053', () => imp('camt053', 'statement.xml'));
    const report = await timed('matchAndPost', () => runMatching(deps, ctx, { postingDate: '2026-12-01' }));
    // score what was posted against the generator's truth (receipts by bank reference, invoices by number)
    const number = new Map(ledger.snapshot.items.map((i) => [i.id, i.number]));
    const truth = new Map(
      ledger.snapshot.receipts.map((r) => [
        r.bankReference!,
        ledger.truth.get(r.id)!.documents.map((d) => number.get(d)!),
      ]),
    );
    let correct = 0;
    for (const s of report.settlements) {
      const want = truth.get(s.receipt.bankReference ?? '') ?? [];
      const got = (s.allocations ?? []).map((a) => a.receivable);
      if (got.length === want.length && got.every((g) => want.includes(g))) correct++;
    }
    const total = Object.values(phases).reduce((a, b) => a + b, 0);
    return {
      database: label,
      receipts: ledger.snapshot.receipts.length,
      invoices: ledger.snapshot.items.length,
      imported: {
        customers: customers.created,
        invoices: invoices.created,
        bankLines: statement.created,
        receiptsPosted: statement.receipts.posted,
        rejected: customers.rejected + invoices.rejected + statement.rejected,
        firstRejections: [...customers.rejections, ...invoices.rejections, ...statement.rejections]
          .slice(0, 3)
          .map((r) => JSON.stringify(r).slice(0, 300)),
      },
      counts: report.counts,
      conflicts: report.conflicts,
      posted: report.settlements.length,
      precision: report.settlements.length ? Math.round((correct / report.settlements.length) * 10000) / 100 : 100,
      phasesMs: phases,
      totalMs: total,
      settlementsPerSecond: Math.round((report.settlements.length / phases.matchAndPost!) * 1000),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
