import { listAudit, readAuditEntries, readAuditHead } from '../../store/repos/audit.ts';
import type { Executor } from '../deps.ts';
import { appendAudit } from './append.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { ChainVerifier, type AuditActorInfo, type AuditInput, type VerifyReport } from './chain.ts';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export type { AuditEntry, AuditInput, AuditActorInfo, VerifyReport } from './chain.ts';
export { canonicalJson } from './canonical-json.ts';
export { appendAudit } from './append.ts';
export { chainEntries, genesisHash } from './chain.ts';

export function actorInfo(ctx: ActionCtx): AuditActorInfo {
  return {
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    actorName: ctx.actor.name,
    ip: ctx.request?.ip,
    userAgent: ctx.request?.userAgent,
    requestId: ctx.request?.requestId,
  };
}

/** Records entries in the caller's transaction, so the audit entry commits or rolls back with the action. */
export function recordAudit(tx: Executor, ctx: ActionCtx, auditKey: Buffer, ...inputs: AuditInput[]) {
  return appendAudit(tx, ctx.tenant.id, auditKey, actorInfo(ctx), inputs);
}

/** sha-256 over the canonical JSON of a batch's records, for one audit entry per bulk batch. */
export function batchDigest(records: readonly unknown[]): string {
  const h = createHash('sha256');
  for (const r of records) h.update(canonicalJson(r)).update('\n');
  return h.digest('hex');
}

/** Walks the whole chain of a tenant and checks the signed head: reports the first broken link. */
export async function verifyAudit(deps: DomainDeps, tenantId: string): Promise<VerifyReport> {
  const verifier = new ChainVerifier(tenantId);
  for await (const e of readAuditEntries(deps.db, tenantId)) verifier.push(e);
  return verifier.finish(await readAuditHead(deps.db, tenantId), deps.auditKey);
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
