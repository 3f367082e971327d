/**
 * Matching benchmark (a script, not a test): `hexiao bench match [--quick]`.
 *
 * Generates customers, open invoices and receipts with a realistic mix (match-data.ts), runs the engine over
 * the snapshot in memory with the default rule set, and measures against the generator's truth: precision of
 * the automatic settlements and the share of auto-matchable receipts settled automatically. Throughput in
 * matches per second for 10k, 100k and (without --quick) 1M receipts × as many invoices, and the growth ratio
 * 100k/10k. The plain greedy baseline (match-baseline.ts) runs on the same data in the same process.
 * Targets (TARGETS.md): precision ≥ 99.9 %, auto share ≥ 95 %, 100k × 100k ≤ 1 s, 1M × 1M ≤ 10 s, growth ≤ 15.
 */
import { loadavg } from 'node:os';
import { defaultRuleSet, matchReceipts } from '../domain/matching/index.ts';
import { generateLedger, type BenchLedger, type ReceiptKind } from './match-data.ts';
import { greedyBaseline } from './match-baseline.ts';
import { runMatchEndToEnd } from './match-e2e.ts';
import { createDb } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import { databaseUrlFromEnv } from '../config/config.ts';
import { openRuntime } from '../cli/runtime.ts';

interface Quality {
  receipts: number;
  auto: number;
  autoCorrect: number;
  /** Correct automatic settlements / automatic settlements, in %. */
  precision: number;
  /** Auto-matchable receipts settled automatically and correctly / auto-matchable receipts, in %. */
  autoShare: number;
  wrongByKind: Partial<Record<ReceiptKind, number>>;
}

const pct = (a: number, b: number) => (b === 0 ? 100 : Math.round((a / b) * 10000) / 100);

export function quality(ledger: BenchLedger, autos: { receiptId: string; documents: string[] }[]): Quality {
  let auto = 0;
  let autoCorrect = 0;
  let matchable = 0;
  let matchableSettled = 0;
  const wrongByKind: Partial<Record<ReceiptKind, number>> = {};
  const settled = new Map(autos.map((a) => [a.receiptId, a.documents]));
  for (const [id, t] of ledger.truth) {
    if (t.autoMatchable) matchable++;
    const docs = settled.get(id);
    if (!docs || docs.length === 0) continue;
    auto++;
    const right = docs.length === t.documents.length && [...docs].sort().every((d, i) => d === t.documents[i]);
    if (right) {
      autoCorrect++;
      if (t.autoMatchable) matchableSettled++;
    } else wrongByKind[t.kind] = (wrongByKind[t.kind] ?? 0) + 1;
  }
  return {
    receipts: ledger.truth.size,
    auto,
    autoCorrect,
    precision: pct(autoCorrect, auto),
    autoShare: pct(matchableSettled, matchable),
    wrongByKind,
  };
}

const ruleSet = { key: 'default', version: 1, document: defaultRuleSet };

function timeHexiao(ledger: BenchLedger) {
  const t0 = performance.now();
  const result = matchReceipts(ledger.snapshot, ruleSet);
  const ms = performance.now() - t0;
  const autos = result.decisions
    .filter((d) => d.outcome === 'auto')
    .map((d) => ({ receiptId: d.receiptId, documents: d.allocations.map((a) => a.documentId) }));
  return { ms, autos, counts: result.counts, gaveUp: result.gaveUp };
}

function timeBaseline(ledger: BenchLedger) {
  const t0 = performance.now();
  const autos = greedyBaseline(ledger.snapshot);
  return { ms: performance.now() - t0, autos };
}

export interface MatchBenchResult {
  hexiao: Record<string, unknown>;
  baseline: Record<string, unknown>;
}

export async function runMatchBench(o: { quick: boolean }): Promise<MatchBenchResult> {
  const sizes = o.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const hexiao: Record<string, unknown> = {};
  const baseline: Record<string, unknown> = {};
  const msH: Record<number, number> = {};
  const msB: Record<number, number> = {};
  for (const n of sizes) {
    const ledger = generateLedger(n);
    timeHexiao(generateLedger(1000, 7)); // warm the JIT on other data
    const h = timeHexiao(ledger);
    const b = timeBaseline(ledger);
    msH[n] = h.ms;
    msB[n] = b.ms;
    const label = n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`;
    hexiao[`${label}x${label}`] = {
      ms: Math.round(h.ms),
      matchesPerSecond: Math.round((n / h.ms) * 1000),
      counts: h.counts,
      gaveUp: h.gaveUp,
      ...quality(ledger, h.autos),
    };
    baseline[`${label}x${label}`] = {
      ms: Math.round(b.ms),
      matchesPerSecond: Math.round((n / b.ms) * 1000),
      ...quality(ledger, b.autos),
    };
    await new Promise((r) => setImmediate(r));
  }
  hexiao.growth100kOver10k = Math.round((msH[100_000]! / msH[10_000]!) * 10) / 10;
  baseline.growth100kOver10k = Math.round((msB[100_000]! / msB[10_000]!) * 10) / 10;
  // the machine's load while it ran: the times are wall-clock and move with it
  hexiao.loadAverage = Math.round(loadavg()[0]! * 10) / 10;
  // end to end: import the files a company brings, match and post (PGlite always, PostgreSQL with DATABASE_URL)
  // PGlite posts one settlement at a time at ~50/s: 10k there; PostgreSQL gets the 100k
  const e2eSize = o.quick ? 1_000 : 10_000;
  const e2ePgSize = o.quick ? 1_000 : 100_000;
  const e2e = [];
  const mem = await createDb({});
  await migrate(mem);
  e2e.push(await runMatchEndToEnd(mem, 'pglite', generateLedger(e2eSize, 29)));
  await mem.close();
  if (databaseUrlFromEnv()) {
    const rt = await openRuntime('bench');
    try {
      e2e.push(await runMatchEndToEnd(rt.database, 'postgresql', generateLedger(e2ePgSize, 29)));
    } finally {
      await rt.close();
    }
  }
  hexiao.endToEnd = e2e;
  hexiao.targets = { precision: 99.9, autoShare: 95, ms100k: 1000, ms1M: 10000, growth: 15, endToEnd100kMs: 30000 };
  return { hexiao, baseline };
}
