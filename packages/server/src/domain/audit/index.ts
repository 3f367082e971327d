import { listAudit, stageAuditInputs } from '../../store/repos/audit.ts';
import type { Executor } from '../deps.ts';
import { appendAudit } from './append.ts';
import type { ActionCtx } from '../context.ts';
import type { AuditInput } from './chain.ts';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import { actorInfo } from './actor-info.ts';

export type { AuditEntry, AuditInput, AuditActorInfo, VerifyReport } from './chain.ts';
export { canonicalJson } from './canonical-json.ts';
export { appendAudit } from './append.ts';
export { actorInfo } from './actor-info.ts';
export { verifyAudit } from './verify.ts';
export { chainEntries, genesisHash } from './chain.ts';
export { anchorAllTenants, startAnchorEpoch, scheduleAnchors, type AnchorRound } from './anchor-heads.ts';

/**
 * Records entries in the caller's transaction, so the audit entry commits or rolls back with the action. Inside
 * a bulk run they wait for its last step, which chains them with the rest of the run's (ledger/bulk.ts).
 */
export async function recordAudit(tx: Executor, ctx: ActionCtx, auditKey: Buffer, ...inputs: AuditInput[]) {
  if (ctx.bulk) await stageAuditInputs(tx, inputs);
  else await appendAudit(tx, ctx.tenant.id, auditKey, actorInfo(ctx), inputs);
}

/** sha-256 over the canonical JSON of a batch's records, for one audit entry per bulk batch. */
export function batchDigest(records: readonly unknown[]): string {
  const h = createHash('sha256');
  for (const r of records) h.update(canonicalJson(r)).update('\n');
  return h.digest('hex');
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  /** Entries before this sequence number (paging back). */
  beforeSeq?: number;
  limit: number;
}

/** A page of the tenant's audit log, newest first. */
export function listAuditEntries(db: Executor, tenantId: string, q: AuditQuery) {
  return listAudit(db, tenantId, q);
}
