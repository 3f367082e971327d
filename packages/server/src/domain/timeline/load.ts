import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import * as docs from '../../store/repos/documents.ts';
import { getSettlement, linesOfDocument } from '../../store/repos/settlements.ts';
import { listReminders } from '../../store/repos/reminders.ts';
import { listAudit } from '../../store/repos/audit.ts';
import { requestsNaming } from '../../store/repos/timeline.ts';
import { findCustomer, type RowScope } from '../../store/repos/customers.ts';
import { getRequestApproval } from '../flows/index.ts';
import { listDisputes, listPromises } from '../collections/index.ts';
import { dec, minorUnits } from '../money/index.ts';
import { buildTimeline, type TimelineEntry } from './timeline.ts';

/**
 * A receivable's full history: its posting and reversals, every settlement that touched it (with the other
 * documents and whether it was undone), reminders, promises to pay and disputes, the requests naming it and their approvals, its audit entries.
 */
export async function receivableTimeline(
  db: Executor,
  ctx: ActionCtx,
  id: string,
  o: { scope?: RowScope; now: string },
): Promise<{ document: { id: string; number: string | null; customerId: string | null }; entries: TimelineEntry[] }> {
  const tenantId = ctx.tenant.id;
  const d = await docs.getDocument(db, tenantId, id);
  const missing = () => new HexiaoError('not_found', `document ${id} does not exist`);
  if (!d) throw missing();
  if (o.scope && !(d.customerId && (await findCustomer(db, tenantId, d.customerId, false, o.scope)))) throw missing();
  const lines = await linesOfDocument(db, tenantId, id);
  const settlementIds = [...new Set(lines.map((l) => l.settlementId))];
  const settlements = (await Promise.all(settlementIds.map((s) => getSettlement(db, tenantId, s)))).filter((s) => !!s);
  const counterIds = [
    ...new Set(lines.map((l) => (l.debitDocumentId === id ? l.creditDocumentId : l.debitDocumentId))),
  ];
  const counters = new Map((await docs.getDocuments(db, tenantId, counterIds)).map((c) => [c.id, c]));
  const requests = d.customerId ? await requestsNaming(db, tenantId, d.customerId, id) : [];
  const withApprovals = await Promise.all(
    requests.map(async (r) => {
      try {
        const a = await getRequestApproval(db, ctx, r.id, o.now);
        return {
          ...r,
          approval: {
            status: a.status,
            history: (a.history ?? []).map((h) => ({
              type: h.type,
              step: h.step,
              by: h.by?.name ?? null,
              at: h.at,
              detail: h.detail,
            })),
          },
        };
      } catch {
        // a request without a flow, or one this reader may not open: listed without its approval
        return { ...r, approval: null };
      }
    }),
  );
  const places = minorUnits(d.currency) ?? 2;
  const exact = <T extends { amount: string }>(x: T) => ({ ...x, amount: dec(x.amount).toFixed(places) });
  const entries = buildTimeline({
    document: exact(d),
    reversals: (await docs.findReversals(db, tenantId, id)).map(exact),
    settlements: settlements.map((s) => {
      const mine = s.lines.filter((l) => l.debitDocumentId === id || l.creditDocumentId === id);
      const amount = mine.reduce(
        (sum, l) => sum.plus(dec(l.debitDocumentId === id ? l.debitAmount : l.creditAmount).times(l.sign)),
        dec('0'),
      );
      const others = [...new Set(mine.map((l) => (l.debitDocumentId === id ? l.creditDocumentId : l.debitDocumentId)))];
      return {
        id: s.id,
        kind: s.kind,
        postingDate: s.postingDate,
        createdAt: s.createdAt,
        createdBy: s.createdBy,
        reason: s.reason,
        reversesId: s.reversesId,
        amount: amount.toFixed(places),
        counterparts: others.map((c) => ({
          id: c,
          docType: counters.get(c)?.docType ?? 'document',
          number: counters.get(c)?.number ?? null,
        })),
      };
    }),
    reminders: await listReminders(db, tenantId, { documentId: id, limit: 200 }),
    promises: await listPromises(db, ctx, { documentId: id, limit: 200 }),
    disputes: await listDisputes(db, ctx, { documentId: id, limit: 200 }),
    requests: withApprovals,
    audit: (await listAudit(db, tenantId, { entityType: 'document', entityId: id, limit: 200 })).map((a) => ({
      id: a.id,
      seq: a.seq,
      action: a.action,
      at: a.at,
      actorName: a.actorName ?? null,
    })),
  });
  return { document: { id: d.id, number: d.number, customerId: d.customerId }, entries };
}
