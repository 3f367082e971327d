import { readVoucher, readVouchers } from './stored-vouchers.ts';
import type { Executor } from '../../store/db.ts';
import * as docs from '../../store/repos/documents.ts';
import { getOpenItems } from '../../store/repos/open-items.ts';
import { linesOfDocument } from '../../store/repos/settlements.ts';
import type { TenantCtx } from '../context.ts';
import { findCustomer, type RowScope } from '../../store/repos/customers.ts';
import { HexiaoError } from '../errors.ts';
import { documentView, money, voucherView, vouchersCsv, type VoucherView } from './views.ts';

export const receivableTypes = ['estimate', 'invoice', 'credit-note', 'adjustment'] as const;
export const receiptTypes = ['receipt', 'prepayment', 'refund'] as const;

/** One document with its open amount, voucher, settlement lines and reversals. */
export async function getDocumentDetail(
  db: Executor,
  tenant: TenantCtx,
  id: string,
  types?: readonly string[],
  scope?: RowScope,
) {
  const d = await docs.getDocument(db, tenant.id, id);
  if (!d || (types && !types.includes(d.docType))) throw new HexiaoError('not_found', `document ${id} does not exist`);
  if (scope && !(d.customerId && (await findCustomer(db, tenant.id, d.customerId, false, scope))))
    throw new HexiaoError('not_found', `document ${id} does not exist`);
  const open = (await getOpenItems(db, tenant.id, [id])).get(id);
  const voucher = await readVoucher(db, tenant.id, d.voucherId);
  const lines = await linesOfDocument(db, tenant.id, id);
  const reversals = await docs.findReversals(db, tenant.id, id);
  return {
    ...documentView(d, tenant.baseCurrency, open),
    voucher: voucher ? voucherView(voucher) : null,
    settlementLines: lines.map((l) => ({
      settlementId: l.settlementId,
      lineNo: l.lineNo,
      sign: l.sign,
      debitDocumentId: l.debitDocumentId,
      creditDocumentId: l.creditDocumentId,
      amount: money(id === l.debitDocumentId ? l.debitAmount : l.creditAmount, d.currency),
    })),
    reversedBy: reversals.map((r) => ({ id: r.id, number: r.number, amount: money(r.amount, r.currency) })),
  };
}

export async function listDocumentViews(
  db: Executor,
  tenant: TenantCtx,
  f: { types: readonly string[]; customerId?: string; before?: string; limit: number; scope?: RowScope },
) {
  const rows = await docs.listDocuments(db, tenant.id, f);
  const open = await getOpenItems(
    db,
    tenant.id,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => documentView(r, tenant.baseCurrency, open.get(r.id)));
  return { items, next: rows.length === f.limit ? rows[rows.length - 1]!.id : null };
}

export async function getVoucherView(
  db: Executor,
  tenantId: string,
  id: string,
  scope?: RowScope,
): Promise<VoucherView> {
  const v = await readVoucher(db, tenantId, id, scope);
  if (!v) throw new HexiaoError('not_found', `voucher ${id} does not exist`);
  return voucherView(v);
}

export async function listVoucherViews(
  db: Executor,
  tenantId: string,
  f: { period?: string; sourceId?: string; after?: string; limit: number; scope?: RowScope },
) {
  let after: { period: string; number: number } | undefined;
  if (f.after) {
    const m = /^(\d{4}-\d{2})-(\d{6})$/.exec(f.after);
    if (!m)
      throw new HexiaoError('invalid_data', 'after must be a voucher number such as 2026-11-000042', {
        pointer: '/query/after',
      });
    after = { period: m[1]!, number: Number(m[2]) };
  }
  const rows = await readVouchers(db, tenantId, {
    period: f.period,
    sourceId: f.sourceId,
    after,
    limit: f.limit,
    scope: f.scope,
  });
  return { items: rows.map(voucherView), next: rows.length === f.limit ? rows[rows.length - 1]!.voucherNo : null };
}

/** Every voucher of a period, as JSON views or CSV text. */
export async function exportVouchers(
  db: Executor,
  tenantId: string,
  period: string,
  format: 'csv' | 'json',
): Promise<string | VoucherView[]> {
  const all: VoucherView[] = [];
  let after: { period: string; number: number } | undefined;
  for (;;) {
    const page = await readVouchers(db, tenantId, { period, after, limit: 1000 });
    all.push(...page.map(voucherView));
    if (page.length < 1000) break;
    after = { period, number: page[page.length - 1]!.number };
  }
  return format === 'csv' ? vouchersCsv(all) : all;
}

/** Whether the tenant has posted anything yet (seeding runs once). */
export async function hasDocuments(db: Executor, tenantId: string): Promise<boolean> {
  return (await docs.listDocuments(db, tenantId, { limit: 1 })).length > 0;
}
