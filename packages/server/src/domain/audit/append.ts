import { insertAuditEntries, lockAuditHead, saveAuditHead } from '../../store/repos/audit.ts';
import type { Executor } from '../deps.ts';
import { newId } from '../ids.ts';
import { chainEntries, genesisHash, signHead, type AuditActorInfo, type AuditEntry, type AuditInput } from './chain.ts';

/**
 * Appends entries to the tenant's chain inside the caller's transaction: the head is locked so
 * concurrent writers serialise, the entries are linked and hashed in memory and stored in one statement,
 * and the head is re-signed with the new count.
 */
export async function appendAudit(
  tx: Executor,
  tenantId: string,
  key: Buffer,
  actor: AuditActorInfo,
  inputs: AuditInput[],
): Promise<AuditEntry[]> {
  if (inputs.length === 0) return [];
  const head = await lockAuditHead(tx, tenantId, genesisHash(tenantId));
  const at = new Date().toISOString();
  const entries = chainEntries(
    head,
    tenantId,
    inputs.map((i) => ({ ...actor, ...i, id: newId(), at })),
  );
  await insertAuditEntries(tx, entries);
  const last = entries[entries.length - 1]!;
  const next = { tenantId, lastSeq: last.seq, lastHash: last.hash, entryCount: head.entryCount + entries.length };
  await saveAuditHead(tx, { ...next, signature: signHead(key, next) });
  return entries;
}
