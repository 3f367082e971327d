import { findCustomer, type RowScope } from '../../store/repos/customers.ts';
import type { Executor } from '../../store/db.ts';
import { getDocuments } from '../../store/repos/documents.ts';
import { getSettlement, listSettlements, type StoredSettlement } from '../../store/repos/settlements.ts';
import type { TenantCtx } from '../context.ts';
import { HexiaoError } from '../errors.ts';
import { formatAmount } from '../ledger/index.ts';

async function views(db: Executor, tenant: TenantCtx, ss: StoredSettlement[]) {
  const ids = [...new Set(ss.flatMap((s) => s.lines.flatMap((l) => [l.debitDocumentId, l.creditDocumentId])))];
  const docs = new Map((await getDocuments(db, tenant.id, ids)).map((d) => [d.id, d]));
  const base = tenant.baseCurrency;
  return ss.map((s) => ({
    id: s.id,
    kind: s.kind,
    customerId: s.customerId,
    postingDate: s.postingDate,
    period: s.period,
    reversesId: s.reversesId,
    reason: s.reason,
    voucherId: s.voucherId,
    createdAt: s.createdAt,
    createdBy: s.createdBy,
    lines: s.lines.map((l) => {
      const d = docs.get(l.debitDocumentId)!;
      const c = docs.get(l.creditDocumentId)!;
      return {
        lineNo: l.lineNo,
        sign: l.sign,
        debitDocument: { id: d.id, type: d.docType, number: d.number, currency: d.currency },
        creditDocument: { id: c.id, type: c.docType, number: c.number, currency: c.currency },
        debitAmount: formatAmount(l.debitAmount, d.currency),
        creditAmount: formatAmount(l.creditAmount, c.currency),
        debitBaseAmount: formatAmount(l.debitBaseAmount, base),
        creditBaseAmount: formatAmount(l.creditBaseAmount, base),
        fxDifference: formatAmount(l.fxDifference, base),
      };
    }),
  }));
}

export async function getSettlementView(db: Executor, tenant: TenantCtx, id: string, scope?: RowScope) {
  const s = await getSettlement(db, tenant.id, id);
  const outside = s && scope && !(s.customerId && (await findCustomer(db, tenant.id, s.customerId, false, scope)));
  if (!s || outside) throw new HexiaoError('not_found', `settlement ${id} does not exist`);
  return (await views(db, tenant, [s]))[0]!;
}

export async function listSettlementViews(
  db: Executor,
  tenant: TenantCtx,
  f: { customerId?: string; before?: string; limit: number; scope?: RowScope },
) {
  const rows = await listSettlements(db, tenant.id, f);
  return { items: await views(db, tenant, rows), next: rows.length === f.limit ? rows[rows.length - 1]!.id : null };
}
