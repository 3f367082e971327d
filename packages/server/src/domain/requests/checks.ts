import { findCustomer } from '../../store/repos/customers.ts';
import { lockOpenItems } from '../../store/repos/open-items.ts';
import type { TenantCtx } from '../context.ts';
import { checkCustomFields } from '../definitions/index.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, invalid, isHexiaoError, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import {
  account,
  planDebtTransfer,
  planWriteOff,
  postingRule,
  resolveAccountMapping,
  todayIn,
  type WriteOffKind,
} from '../ledger/index.ts';
import { dec, formatMoney, ZERO, type Decimal } from '../money/index.ts';

/** One item of a write-off and the part of it written off; `amount` omitted = everything still open. */
export interface Share {
  documentId: string;
  amount?: string;
}

/**
 * Spreads a request's amount over its items in the order given: each is written off in full until the
 * amount runs out, the last in part. Refused when the amount is larger than what is open, or leaves an
 * item with nothing to write off.
 */
export function writeOffShares(
  items: { documentId: string; open: Decimal; currency: string; name?: string }[],
  amount: string | undefined,
  at: { amount: string; item: (k: number) => string },
): Share[] {
  items.forEach((i, k) => {
    if (i.open.lte(0)) throw invalid(at.item(k), `${i.name ?? i.documentId} is settled: nothing is open to write off`);
  });
  if (amount === undefined) return items.map((i) => ({ documentId: i.documentId }));
  const total = items.reduce((s, i) => s.plus(i.open), ZERO);
  const want = dec(amount);
  const currency = items[0]?.currency ?? '';
  if (want.gt(total))
    throw invalid(
      at.amount,
      `${formatMoney(want, currency)} is larger than the open amount of the ${items.length === 1 ? 'item' : `${items.length} items`} (${formatMoney(total, currency)})`,
    );
  let left = want;
  return items.map((i, k) => {
    if (left.lte(0))
      throw invalid(
        at.item(k),
        `gets nothing of ${formatMoney(want, currency)}: the items before it take it all; remove it from the request`,
      );
    const share = left.gte(i.open) ? undefined : left.toFixed();
    left = left.minus(i.open);
    return { documentId: i.documentId, ...(share === undefined ? {} : { amount: share }) };
  });
}

/** Moves a ledger refusal's pointers into the request (`/items/2/amount` → `/data/amount`). */
function remap(e: unknown, map: (pointer: string) => string): never {
  if (!isHexiaoError(e) || e.type !== 'invalid_data') throw e;
  const errors: FieldError[] = e.errors.map((x) => ({ pointer: map(x.pointer), reason: x.reason }));
  throw new HexiaoError('invalid_data', errors.map((x) => `${x.pointer} ${x.reason}`).join('; ') || e.message, {
    errors,
    cause: e,
  });
}

export interface WriteOffCheck {
  kind: WriteOffKind;
  receivableIds: string[];
  amount?: string;
  postingDate?: string;
}

/**
 * Checks a write-off request against the ledger as it stands, with the ledger's own rules (its planner, on
 * throw-away ids): every item open and of a kind that can be written off, the amount not larger than
 * what is open. Writes nothing. Pointers are into the submission (`/data/...`).
 */
export async function checkWriteOff(tx: Executor, tenant: TenantCtx, w: WriteOffCheck): Promise<Share[]> {
  const items = await lockOpenItems(tx, tenant.id, w.receivableIds);
  const ordered = w.receivableIds.map((id) => items.get(id)!);
  const itemAt = (k: number) => `/data/receivableIds/${k}`;
  const shares = writeOffShares(
    ordered.map((t) => ({
      documentId: t.document.id,
      open: dec(t.open.openAmount),
      currency: t.document.currency,
      name: t.document.number,
    })),
    w.amount,
    { amount: '/data/amount', item: itemAt },
  );
  const mapping = await resolveAccountMapping(tx, tenant.id);
  const postingDate = w.postingDate ?? todayIn(tenant.timeZone);
  shares.forEach((s, k) => {
    try {
      planWriteOff(tenant, mapping, {
        kind: w.kind,
        target: ordered[k]!,
        amount: s.amount,
        id: newId(),
        voucherId: newId(),
        number: 'check',
        postingDate,
        reason: 'check',
        reference: null,
        allowance: ZERO,
        shortfall: 'expense',
        at: `/items/${k}`,
      });
    } catch (e) {
      remap(e, (p) => (p.endsWith('/documentId') ? itemAt(k) : p.endsWith('/amount') ? '/data/amount' : `/data${p}`));
    }
  });
  return shares;
}

export interface TransferCheck {
  receivableId: string;
  amount?: string;
  toCustomerId?: string;
  toObjectType?: string;
  postingDate?: string;
}

/** Checks a debt transfer request with the ledger's planner: the source open, the target known and different. */
export async function checkDebtTransfer(tx: Executor, tenant: TenantCtx, t: TransferCheck): Promise<void> {
  const source = (await lockOpenItems(tx, tenant.id, [t.receivableId])).get(t.receivableId)!;
  const toCustomerId = t.toCustomerId ?? source.document.customerId!;
  if (t.toCustomerId && !(await findCustomer(tx, tenant.id, t.toCustomerId)))
    throw invalid('/data/toCustomerId', `is not a customer of this tenant (${t.toCustomerId})`);
  if (t.toObjectType) {
    try {
      await checkCustomFields(tx, tenant.id, 'receivable', t.toObjectType, undefined, 'debt transfer');
    } catch (e) {
      remap(e, () => '/data/toObjectType');
    }
  }
  const mapping = await resolveAccountMapping(tx, tenant.id);
  const toReceivableType = t.toObjectType ?? source.document.receivableType;
  try {
    planDebtTransfer(tenant, mapping, {
      source,
      amount: t.amount,
      toCustomerId,
      toReceivableType,
      toClearing: postingRule(mapping, 'invoice', null, toReceivableType).debit,
      fromClearing: account(mapping, source.document.clearingAccount),
      ids: { out: newId(), in: newId(), voucher: newId() },
      numbers: { out: 'check-OUT', in: 'check-IN' },
      postingDate: t.postingDate ?? todayIn(tenant.timeZone),
      dueDate: null,
      reason: 'check',
      reference: null,
    });
  } catch (e) {
    remap(e, (p) => (p === '/documentId' ? '/data/receivableId' : `/data${p}`));
  }
}
