import type { Database } from '../store/db.ts';
import { appendAudit, chainEntries, genesisHash } from '../domain/audit/index.ts';

import { createTenant } from '../domain/identity/index.ts';
import { verifyAudit } from '../domain/audit/index.ts';

export interface AuditBenchResult {
  database: string;
  events: number;
  batchSize: number;
  appendPerSec: number;
  inProcessChainPerSec: number;
  verifyPerSec: number;
}

/** Appends `events` audit entries in batches (one transaction each) and verifies the chain; peer: hashing alone in process. */
export async function runAuditBench(
  database: Database,
  auditKey: Buffer,
  events = 100_000,
  batchSize = 1000,
): Promise<AuditBenchResult> {
  const deps = { db: database.db, auditKey };
  const tenant = await createTenant(deps, { slug: `bench-${Date.now().toString(36)}`, name: 'bench' });
  const actor = { actorType: 'system' as const, actorId: 'bench', actorName: 'system:bench' };
  const input = (i: number) => ({
    action: 'bench.event',
    entityType: 'receivable',
    entityId: String(i),
    after: { amount: `${i}.25`, currency: 'CNY' },
  });

  const t0 = performance.now();
  for (let i = 0; i < events; i += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, events - i) }, (_, j) => input(i + j));
    await database.db.transaction((tx) => appendAudit(tx, tenant.id, auditKey, actor, batch));
  }
  const appendSeconds = (performance.now() - t0) / 1000;

  const t1 = performance.now();
  const at = new Date().toISOString();
  chainEntries(
    { lastSeq: 0, lastHash: genesisHash(tenant.id) },
    tenant.id,
    Array.from({ length: events }, (_, i) => ({ ...actor, ...input(i), id: `id-${i}`, at })),
  );
  const chainSeconds = (performance.now() - t1) / 1000;

  const t2 = performance.now();
  const report = await verifyAudit(deps, tenant.id);
  if (!report.ok) throw new Error('benchmark chain failed to verify');
  const verifySeconds = (performance.now() - t2) / 1000;
  return {
    database: database.kind,
    events,
    batchSize,
    appendPerSec: Math.round(events / appendSeconds),
    inProcessChainPerSec: Math.round(events / chainSeconds),
    verifyPerSec: Math.round(report.checked / verifySeconds),
  };
}
