import * as repo from '../../store/repos/collections.ts';
import type { RowScope } from '../../store/repos/customers.ts';
import { findCustomer } from '../../store/repos/customers.ts';
import { listUsers } from '../../store/repos/users.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps, Executor } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { todayIn } from '../ledger/index.ts';
import { dec, minorUnits, parsePositiveAmount } from '../money/index.ts';
import { notify } from '../notifications/index.ts';
import { openReceivable } from './open-receivable.ts';

export const disputeCategories = ['price', 'quantity', 'quality', 'delivery', 'duplicate', 'terms', 'other'] as const;
export const disputeStatuses = ['open', 'resolved'] as const;

export interface DisputeInput {
  category: (typeof disputeCategories)[number];
  reason: string;
  /** The part of the item the customer contests; the whole item when absent. */
  amount?: string;
}

/** A customer contesting (part of) a receivable. While open, the item's reminders pause. */
export interface Dispute {
  id: string;
  documentId: string;
  customerId: string;
  category: string;
  reason: string;
  currency: string;
  amount: string | null;
  openedOn: string;
  status: (typeof disputeStatuses)[number];
  resolution: { text: string; resolvedOn: string; by: string | null; at: string } | null;
  createdBy: string | null;
  createdAt: string;
}

function view(r: repo.DisputeRow): Dispute {
  const d = r.dispute;
  const places = minorUnits(d.currency) ?? 2;
  return {
    id: d.id,
    documentId: d.documentId,
    customerId: d.customerId,
    category: d.category,
    reason: d.reason,
    currency: d.currency,
    amount: d.amount === null ? null : dec(d.amount).toFixed(places),
    openedOn: d.openedOn,
    status: r.resolution ? 'resolved' : 'open',
    resolution: r.resolution
      ? {
          text: r.resolution.resolution,
          resolvedOn: r.resolution.resolvedOn,
          by: r.resolution.createdBy,
          at: r.resolution.createdAt,
        }
      : null,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
  };
}

export async function getDispute(db: Executor, ctx: ActionCtx, id: string, scope: RowScope | undefined) {
  const [r] = await repo.listDisputes(db, ctx.tenant.id, { id, ...(scope ? { scope } : {}), limit: 1 });
  if (!r) throw new HexiaoError('not_found', `dispute ${id} does not exist`);
  return view(r);
}

export async function listDisputes(db: Executor, ctx: ActionCtx, f: Omit<repo.CollectionFilter, 'id'>) {
  return (await repo.listDisputes(db, ctx.tenant.id, f)).map(view);
}

/** The customer's sales owner, as a user id, when the owner is an active user of the tenant. */
async function ownerOf(db: Executor, tenantId: string, customerId: string): Promise<string | undefined> {
  const c = await findCustomer(db, tenantId, customerId, false);
  const owner = c?.salesOwner?.toLowerCase();
  if (!owner) return undefined;
  return (await listUsers(db, tenantId)).find((u) => u.status === 'active' && u.email.toLowerCase() === owner)?.id;
}

/** Opens a dispute on an open receivable; its reminders pause until the dispute is resolved. */
export async function openDispute(
  deps: DomainDeps,
  ctx: ActionCtx,
  documentId: string,
  input: DisputeInput,
  scope: RowScope | undefined,
): Promise<Dispute> {
  if (!input.reason.trim()) throw invalid('/reason', 'must say what the customer contests');
  return deps.db.transaction(async (tx) => {
    const { document, customerId, item } = await openReceivable(tx, ctx.tenant.id, documentId, scope);
    const amount = input.amount === undefined ? null : parsePositiveAmount(input.amount, item.currency, '/amount');
    if (amount?.gt(item.openAmount))
      throw invalid('/amount', `is more than the ${dec(item.openAmount).toFixed()} ${item.currency} still open`);
    const id = newId();
    await repo.insertDispute(tx, {
      tenantId: ctx.tenant.id,
      id,
      documentId,
      customerId,
      category: input.category,
      reason: input.reason,
      currency: item.currency,
      amount: amount?.toFixed() ?? null,
      openedOn: todayIn(ctx.tenant.timeZone),
      createdBy: ctx.actor.name,
    });
    const opened = await getDispute(tx, ctx, id, undefined);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'dispute.open',
      entityType: 'document',
      entityId: documentId,
      after: opened,
    });
    const owner = await ownerOf(tx, ctx.tenant.id, customerId);
    if (owner && owner !== ctx.actor.userId)
      await notify(tx, ctx.tenant.id, [
        {
          recipient: owner,
          source: 'collections',
          kind: 'dispute.opened',
          title: `Dispute on ${document.number ?? documentId}: ${input.reason}`.slice(0, 500),
          titleZh: `${document.number ?? documentId} 有争议：${input.reason}`,
          entityType: 'receivable',
          entityId: documentId,
          payload: { disputeId: id, category: input.category, customerId },
        },
      ]);
    return opened;
  });
}

/** Resolves an open dispute with what was agreed; the item's reminders resume from the next sweep. */
export async function resolveDispute(
  deps: DomainDeps,
  ctx: ActionCtx,
  id: string,
  resolution: string,
  scope: RowScope | undefined,
): Promise<Dispute> {
  if (!resolution.trim()) throw invalid('/resolution', 'must say how the dispute was settled');
  return deps.db.transaction(async (tx) => {
    const before = await getDispute(tx, ctx, id, scope);
    const recorded = await repo.insertDisputeResolution(tx, {
      tenantId: ctx.tenant.id,
      disputeId: id,
      resolution,
      resolvedOn: todayIn(ctx.tenant.timeZone),
      createdBy: ctx.actor.name,
    });
    if (!recorded) throw new HexiaoError('conflict', `dispute ${id} is resolved already`, { pointer: '/path/id' });
    const after = await getDispute(tx, ctx, id, undefined);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'dispute.resolve',
      entityType: 'document',
      entityId: before.documentId,
      before,
      after,
    });
    return after;
  });
}
