import { readAuditEntryHash, readAuditHead } from '../../store/repos/audit.ts';
import { allTenantIds } from '../../store/repos/reminders.ts';
import type { ActionCtx } from '../context.ts';
import type { Db, DomainDeps, Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { withTenant } from '../unit-of-work/index.ts';
import { anchorMismatch, readAnchors, signAnchor, writeAnchors, type AuditAnchor } from './anchors.ts';
import { appendAudit } from './append.ts';
import { headSignatureValid } from './chain.ts';
import { actorInfo } from './actor-info.ts';
import { verifyAudit } from './verify.ts';
import { everyRound } from '../every.ts';

export interface AnchorRound {
  tenantId: string;
  /** The entry count anchored now. */
  anchored?: number;
  unchanged?: true;
  /** Why the head was not anchored: it does not hold the previous anchor, or its signature is wrong. */
  refused?: string;
}

/**
 * Writes a signed anchor of every tenant's chain head whose count moved since its newest anchor. A head that
 * no longer holds that anchor (a rollback) or whose signature fails is never anchored, so a rollback cannot
 * launder itself by waiting for the next round.
 */
export async function anchorAllTenants(db: Db & Executor, key: Buffer, file: string): Promise<AnchorRound[]> {
  const log = await readAnchors(file, key);
  const rounds: AnchorRound[] = [];
  const fresh: AuditAnchor[] = [];
  const at = new Date().toISOString();
  for (const tenantId of await allTenantIds(db)) {
    const prev = log.newest.get(tenantId);
    const { head, hashAtAnchorSeq } = await withTenant(db, tenantId, async (tx) => {
      const head = await readAuditHead(tx, tenantId);
      const covers = prev && head && head.entryCount >= prev.entryCount && prev.entryCount > 0;
      return { head, hashAtAnchorSeq: covers ? await readAuditEntryHash(tx, tenantId, prev.lastSeq) : undefined };
    });
    if (!head) continue;
    const refused = !headSignatureValid(key, head)
      ? 'the chain head signature does not verify'
      : prev && anchorMismatch(prev, { entryCount: head.entryCount, hashAtAnchorSeq });
    if (refused) rounds.push({ tenantId, refused });
    else if (prev && prev.entryCount === head.entryCount) rounds.push({ tenantId, unchanged: true });
    else {
      const { lastSeq, lastHash, entryCount } = head;
      fresh.push(signAnchor(key, { v: 1, tenantId, epoch: prev?.epoch ?? 1, entryCount, lastSeq, lastHash, at }));
      rounds.push({ tenantId, anchored: entryCount });
    }
  }
  await writeAnchors(file, fresh);
  return rounds;
}

/** Anchors every `minutes` (never two rounds at once); returns the function that stops it. */
export function scheduleAnchors(
  db: Db & Executor,
  key: Buffer,
  file: string,
  minutes: number,
  log: (rounds: AnchorRound[] | Error) => void,
): () => void {
  return everyRound(minutes * 60_000, async () => log(await anchorAllTenants(db, key, file)), log);
}

/**
 * After a deliberate restore from backup the chain is shorter than its anchor: an operator starts a new epoch
 * with a reason. The epoch change is itself an audit entry (with the anchor it supersedes), and the new
 * anchor binds from then on. A chain that does not verify on its own gets no new epoch.
 */
export async function startAnchorEpoch(
  db: Db & Executor,
  key: Buffer,
  file: string,
  ctx: ActionCtx,
  reason: string,
): Promise<{ epoch: number; entryCount: number; superseded?: Omit<AuditAnchor, 'sig' | 'v'> }> {
  if (!reason.trim())
    throw new HexiaoError('invalid_data', 'a new anchor epoch needs a reason', {
      errors: [{ pointer: '/reason', reason: 'is required (say which backup was restored and why)' }],
    });
  const tenantId = ctx.tenant.id;
  const prev = (await readAnchors(file, key)).newest.get(tenantId);
  const epoch = (prev?.epoch ?? 1) + 1;
  const superseded = prev
    ? {
        tenantId,
        epoch: prev.epoch,
        entryCount: prev.entryCount,
        lastSeq: prev.lastSeq,
        lastHash: prev.lastHash,
        at: prev.at,
      }
    : undefined;
  const head = await withTenant(db, tenantId, async (tx) => {
    const own = await verifyAudit({ db: tx, auditKey: key } as DomainDeps, tenantId);
    if (!own.ok)
      throw new HexiaoError(
        'conflict',
        `the audit chain does not verify on its own (${own.firstBroken?.reason ?? own.headProblem}); a new anchor epoch starts only on a chain that does`,
      );
    await appendAudit(tx, tenantId, key, actorInfo(ctx), [
      {
        action: 'audit.anchor-epoch',
        entityType: 'audit-chain',
        entityId: tenantId,
        before: superseded ?? null,
        after: { epoch, reason: reason.trim(), entriesBefore: own.checked },
      },
    ]);
    return (await readAuditHead(tx, tenantId))!;
  });
  const { lastSeq, lastHash, entryCount } = head;
  const at = new Date().toISOString();
  await writeAnchors(file, [signAnchor(key, { v: 1, tenantId, epoch, entryCount, lastSeq, lastHash, at })]);
  return { epoch, entryCount, ...(superseded ? { superseded } : {}) };
}
