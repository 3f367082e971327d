import type { Db } from '../deps.ts';
import { systemActor } from '../context.ts';
import { listAllTenants } from '../identity/index.ts';
import { startAnchorEpoch, verifyAudit } from '../audit/index.ts';
import { checkBooks } from '../ledger/index.ts';
import { withTenant } from '../unit-of-work/index.ts';

export interface RestoredTenant {
  tenant: string;
  epoch: number;
  auditEntries: number;
  auditOk: boolean;
  booksOk: boolean;
  documents: number;
  problems: string[];
}

/**
 * After a backup was placed and the runtime opened it: each tenant's audit log records the restore as a new
 * anchor epoch (so anchors written before it, outside the database, do not make the restored chain look cut
 * short), and each tenant's audit chain and books are checked. Stored files need no change: they are found by
 * tenant and sha-256 under whichever data folder is in use.
 */
export async function recordRestore(
  db: Db,
  o: { auditKey: Buffer; anchorFile: string; reason: string },
): Promise<{ ok: boolean; tenants: RestoredTenant[] }> {
  const tenants: RestoredTenant[] = [];
  for (const tenant of await listAllTenants(db)) {
    const ctx = { tenant, actor: systemActor('restore') };
    const epoch = await startAnchorEpoch(db, o.auditKey, o.anchorFile, ctx, o.reason);
    const audit = await withTenant(db, tenant.id, (tx) =>
      verifyAudit({ db: tx, auditKey: o.auditKey }, tenant.id, { anchorFile: o.anchorFile }),
    );
    const books = await withTenant(db, tenant.id, (tx) => checkBooks(tx, tenant.id));
    tenants.push({
      tenant: tenant.slug,
      epoch: epoch.epoch,
      auditEntries: audit.checked,
      auditOk: audit.ok,
      booksOk: books.ok,
      documents: books.documents,
      problems: [
        ...(audit.firstBroken ? [`audit: first broken link at entry ${audit.firstBroken.seq}`] : []),
        ...(audit.headProblem ? [`audit: ${audit.headProblem}`] : []),
        ...(audit.anchorProblem ? [`audit: ${audit.anchorProblem}`] : []),
        ...books.violations.slice(0, 5).map((v) => `books: ${v}`),
      ],
    });
  }
  return { ok: tenants.every((t) => t.auditOk && t.booksOk), tenants };
}
