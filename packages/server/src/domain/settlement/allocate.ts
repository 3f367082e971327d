import { lockOpenItems, updateOpenItem } from '../../store/repos/open-items.ts';
import { insertSettlement, type StoredSettlement } from '../../store/repos/settlements.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { resolveAccountMapping, saveVoucher, todayIn, type LedgerDeps, type Voucher } from '../ledger/index.ts';
import { isDate } from '../ledger/index.ts';
import { requireOpenPeriod } from '../periods/index.ts';
import { planAllocation, type AllocationDoc, type AllocationLineInput } from './allocate-plan.ts';
import { checkImpliedRate, settlementRateTolerance, type ReferenceRate } from './implied-rate.ts';
import { quoteToBase } from '../fx/index.ts';
import { readTenantSettings } from '../../store/repos/tenants.ts';
import { dec, isAmountText } from '../money/index.ts';
import { describeDocument } from '../ledger/index.ts';
import { HexiaoError } from '../errors.ts';
import { customerGroup } from '../../store/repos/customer-groups.ts';
import { findCustomer } from '../../store/repos/customers.ts';
import type { Executor } from '../deps.ts';

/** A paying customer and every customer of its group (the documents it may settle). */
export async function payerGroup(tx: Executor, tenantId: string, customerId: string) {
  const c = await findCustomer(tx, tenantId, customerId);
  if (!c) throw invalid('/customerId', 'is not a customer of this tenant');
  return { customerId, name: `${c.code} ${c.name}`, group: new Set(await customerGroup(tx, tenantId, customerId)) };
}

export interface AllocateInput {
  lines: AllocationLineInput[];
  /**
   * The paying customer when it settles for its group: a parent's receipt may settle its subsidiaries'
   * documents (the lines record each document's customer), never a document outside the group.
   */
  customerId?: string;
  postingDate?: string;
  reason?: string;
}

export interface PostedSettlement {
  settlement: Omit<StoredSettlement, 'createdAt' | 'createdBy'>;
  voucher: Voucher | null;
}

/**
 * Manual settlement: allocates credit documents to debit documents of one customer in one transaction.
 * The open items are locked FOR UPDATE (in id order) before the amounts are checked, so two concurrent
 * allocations of the same receipt never over-allocate.
 */
export async function allocate(deps: LedgerDeps, ctx: ActionCtx, input: AllocateInput): Promise<PostedSettlement> {
  if (!Array.isArray(input.lines) || input.lines.length === 0)
    throw invalid('/lines', 'must allocate at least one line');
  if (input.postingDate !== undefined && !isDate(input.postingDate))
    throw invalid('/postingDate', 'must be a date YYYY-MM-DD');
  input.lines.forEach((l, i) => {
    if (l.debitDocumentId === l.creditDocumentId)
      throw invalid(`/lines/${i}/creditDocumentId`, 'must differ from debitDocumentId');
  });
  const postingDate = input.postingDate ?? todayIn(ctx.tenant.timeZone);
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const period = await requireOpenPeriod(tx, tenantId, postingDate);
    const docs = await lockOpenItems(
      tx,
      tenantId,
      input.lines.flatMap((l) => [l.debitDocumentId, l.creditDocumentId]),
    );
    const mapping = await resolveAccountMapping(tx, tenantId);
    const id = newId();
    const payer = input.customerId ? await payerGroup(tx, tenantId, input.customerId) : undefined;
    await checkCrossCurrencyRates(tx, ctx, docs, input.lines, postingDate);
    const plan = planAllocation(ctx.tenant, mapping, docs, input.lines, { settlementId: id, postingDate, payer });
    deps.fault?.('allocate:before-write');
    const voucher = plan.voucher ? await saveVoucher(tx, ctx, plan.voucher) : null;
    const header = {
      id,
      kind: 'allocation' as const,
      customerId: plan.customerId,
      postingDate,
      period,
      reversesId: null,
      reason: input.reason ?? null,
      voucherId: voucher?.id ?? null,
    };
    await insertSettlement(tx, tenantId, header, plan.lines, ctx.actor.name);
    deps.fault?.('allocate:after-lines');
    for (const o of plan.open.values()) await updateOpenItem(tx, tenantId, o);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'settlement.post',
      entityType: 'settlement',
      entityId: id,
      after: { lines: plan.lines, voucherNo: voucher?.voucherNo ?? null },
      definitions: [{ kind: 'account-mapping', key: mapping.key, version: mapping.version }],
    });
    return { settlement: { ...header, lines: plan.lines }, voucher };
  });
}

/** The rate table's rate to base on the date; without one, the document's own frozen rate. */
async function referenceRate(tx: Executor, ctx: ActionCtx, d: AllocationDoc, date: string): Promise<ReferenceRate> {
  const base = ctx.tenant.baseCurrency;
  if (d.document.currency === base) return { rate: '1', source: 'base currency' };
  try {
    const q = await quoteToBase(tx, ctx.tenant.id, d.document.currency, base, date);
    return { rate: q.rate, source: `rate table ${q.rate} of ${q.rateDate}` };
  } catch (e) {
    if (!(e instanceof HexiaoError) || e.type !== 'invalid_data') throw e;
    return { rate: d.document.fxRate, source: `${describeDocument(d.document)}'s rate ${d.document.fxRate}` };
  }
}

/** Issue 10 #4: a cross-currency line's amounts must agree with the day's rate within the tenant's tolerance. */
async function checkCrossCurrencyRates(
  tx: Executor,
  ctx: ActionCtx,
  docs: ReadonlyMap<string, AllocationDoc>,
  lines: AllocationLineInput[],
  date: string,
): Promise<void> {
  let tolerance: ReturnType<typeof settlementRateTolerance> | undefined;
  for (const [i, l] of lines.entries()) {
    const dr = docs.get(l.debitDocumentId);
    const cr = docs.get(l.creditDocumentId);
    if (!dr || !cr || dr.document.currency === cr.document.currency) continue;
    if (!isAmountText(l.amount) || !isAmountText(l.creditAmount) || dec(l.creditAmount).isZero()) continue;
    tolerance ??= settlementRateTolerance(await readTenantSettings(tx, ctx.tenant.id));
    checkImpliedRate({
      pointer: `/lines/${i}/creditAmount`,
      amount: dec(l.amount),
      debitCurrency: dr.document.currency,
      debitRate: await referenceRate(tx, ctx, dr, date),
      creditAmount: dec(l.creditAmount),
      creditCurrency: cr.document.currency,
      creditRate: await referenceRate(tx, ctx, cr, date),
      tolerance,
    });
  }
}
