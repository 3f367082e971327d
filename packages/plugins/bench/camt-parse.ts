/**
 * camt.053 parse benchmark (a script, not a test). Generates a statement of N entries, streams it
 * through the camt053 connector and reports entries/s, MB/s and peak RSS.
 *
 *   cd packages/server && node --import tsx ../plugins/bench/camt-parse.ts [entries...]   (default: 10000 100000)
 *
 * Targets (../shared/TARGETS.md): ≥ 50,000 entries/s, ≥ 35 MB/s, peak RSS ≤ 250 MB whatever the size.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromFile, isRejection } from '@hexiao/plugins/sdk';
import camt053 from '../src/connectors/camt053/index.ts';

const enc = new TextEncoder();
const pad = (n: number, w: number) => String(n).padStart(w, '0');

function entry(i: number): string {
  const credit = i % 4 !== 3;
  const cents = 1000 + ((i * 7919) % 9_000_000);
  const amount = `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`;
  const day = pad(1 + (i % 28), 2);
  const party = credit ? 'Dbtr' : 'Cdtr';
  return (
    `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>${credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
    `<BookgDt><Dt>2024-03-${day}</Dt></BookgDt><ValDt><Dt>2024-03-${day}</Dt></ValDt><AcctSvcrRef>BANKREF${pad(i, 10)}</AcctSvcrRef>` +
    `<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>${credit ? 'RCDT' : 'ICDT'}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>` +
    `<NtryDtls><TxDtls><Refs><EndToEndId>E2E-${pad(i, 10)}</EndToEndId></Refs><Amt Ccy="EUR">${amount}</Amt>` +
    `<RltdPties><${party}><Pty><Nm>Customer ${i % 5000} GmbH</Nm></Pty></${party}><${party}Acct><Id><IBAN>DE${pad(10 + (i % 89), 2)}500105175407${pad(i % 1_000_000, 6)}</IBAN></Id></${party}Acct></RltdPties>` +
    `<RmtInf><Ustrd>Invoice INV-${pad(i, 8)}</Ustrd><Strd><CdtrRefInf><Ref>RF18${pad(i, 12)}</Ref></CdtrRefInf></Strd></RmtInf>` +
    `</TxDtls></NtryDtls></Ntry>\n`
  );
}

/** Yields a camt.053.001.08 statement with `entries` entries, in chunks of about 64 KiB. */
export async function* generateCamt053(entries: number): AsyncGenerator<Uint8Array> {
  yield enc.encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>` +
      `<GrpHdr><MsgId>BENCH-${entries}</MsgId><CreDtTm>2024-04-01T06:00:00</CreDtTm></GrpHdr><Stmt><Id>STMT-${entries}</Id>` +
      `<ElctrncSeqNb>1</ElctrncSeqNb><CreDtTm>2024-04-01T06:00:00</CreDtTm><Acct><Id><IBAN>DE44500105175407324931</IBAN></Id><Ccy>EUR</Ccy></Acct>` +
      `<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-02-29</Dt></Dt></Bal>\n`,
  );
  let buf = '';
  for (let i = 0; i < entries; i++) {
    buf += entry(i);
    if (buf.length > 64 * 1024) {
      yield enc.encode(buf);
      buf = '';
    }
  }
  yield enc.encode(`${buf}</Stmt></BkToCstmrStmt></Document>\n`);
}

/** Writes a generated statement to a file; returns its size in bytes. */
export async function writeCamt053(path: string, entries: number): Promise<number> {
  const out = createWriteStream(path);
  for await (const chunk of generateCamt053(entries))
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return (await stat(path)).size;
}

let warmedUp = false;

export interface ParseBenchResult {
  entries: number;
  lines: number;
  mb: number;
  seconds: number;
  entriesPerSec: number;
  mbPerSec: number;
  peakRssMb: number;
  /** CPU time of the process during the parse (user + system): steadier than wall time on a busy machine. */
  cpuSeconds: number;
  entriesPerCpuSec: number;
}

/**
 * Generates a file of `entries` entries in a temp folder, then times parse alone (reading the file).
 * Unless `warmup: false`, a 20,000-entry file is parsed first so the JIT has compiled the parser.
 */
export async function runParseBench({
  entries,
  warmup = true,
}: {
  entries: number;
  warmup?: boolean;
}): Promise<ParseBenchResult> {
  if (warmup && !warmedUp) {
    warmedUp = true;
    await runParseBench({ entries: 20_000, warmup: false });
  }
  const dir = await mkdtemp(join(tmpdir(), 'hexiao-camt-bench-'));
  const file = join(dir, `camt053-${entries}.xml`);
  try {
    const bytes = await writeCamt053(file, entries);
    let peak = process.memoryUsage().rss;
    let lines = 0;
    let rejected = 0;
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for await (const o of camt053.parse!(fromFile(file), { config: {}, warn: () => {} })) {
      if (isRejection(o)) rejected++;
      else if (o.type === 'bank-line' && ++lines % 5000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    peak = Math.max(peak, process.memoryUsage().rss);
    if (rejected > 0 || lines !== entries)
      throw new Error(`bench parse read ${lines} lines and ${rejected} rejections for ${entries} entries`);
    const mb = bytes / 1e6;
    const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
    return {
      entries,
      lines,
      mb: round(mb),
      seconds: round(seconds, 3),
      entriesPerSec: Math.round(entries / seconds),
      mbPerSec: round(mb / seconds),
      peakRssMb: round(peak / 1e6),
      cpuSeconds: round(cpuSeconds, 3),
      entriesPerCpuSec: Math.round(entries / cpuSeconds),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const entries of sizes.length > 0 ? sizes : [10_000, 100_000]) {
    const r = await runParseBench({ entries });
    console.log(
      `camt053 parse: ${r.entries} entries, ${r.mb} MB in ${r.seconds} s = ${r.entriesPerSec} entries/s, ${r.mbPerSec} MB/s, ` +
        `peak RSS ${r.peakRssMb} MB (CPU ${r.cpuSeconds} s = ${r.entriesPerCpuSec} entries per CPU-second)`,
    );
  }
}
