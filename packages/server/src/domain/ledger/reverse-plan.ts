import type { TenantCtx } from '../context.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { Decimal, dec, formatMoney, toBase } from '../money/index.ts';
import type { ResolvedMapping } from './account-mapping.ts';
import { relieve, type SettlementLine } from './open-items.ts';
import { describeDocument, planDocument, type DocumentPlan } from './post-plan.ts';
import { opposite, type LedgerDocument, type OpenItem, type VoucherDraft } from './types.ts';
import { mirrorVoucher } from './voucher-builder.ts';

export interface ReversalInput {
  original: LedgerDocument;
  originalOpen: OpenItem;
  /** The original's voucher: a full reversal mirrors it line by line. */
  originalVoucher?: Pick<VoucherDraft, 'lines' | 'currency'>;
  id: string;
  voucherId: string;
  number: string;
  postingDate: string;
  reason: string;
  /** Partial reversal (an estimate relieved by a partial invoice); omitted = the whole document. */
  amount?: Decimal;
}

export interface ReversalPlan {
  red: DocumentPlan;
  originalOpen: OpenItem;
  /** The red document settles its original at once. */
  offset: SettlementLine;
}

/**
 * Pure: a red document pointing to its original, with the opposite side, the original's rate and clearing
 * account, and a settlement line between the two. A full reversal needs the original fully open (reverse
 * its settlements first) and takes its frozen base amounts; a red document is never reversed itself.
 */
export function planReversal(tenant: TenantCtx, mapping: ResolvedMapping, r: ReversalInput): ReversalPlan {
  const o = r.original;
  const record = describeDocument(o);
  if (o.reversesId)
    throw new HexiaoError('conflict', `${record} is itself a reversal and cannot be reversed`, {
      pointer: '/documentId',
      record,
    });
  const open = dec(r.originalOpen.openAmount);
  const full = r.amount === undefined;
  const amount = r.amount ?? dec(o.amount);
  if (full && open.isZero())
    throw new HexiaoError('conflict', `${record} is already reversed or fully settled`, {
      pointer: '/documentId',
      record,
    });
  if (full && !open.eq(o.amount))
    throw new HexiaoError(
      'conflict',
      `${record} has settlements (${formatMoney(dec(o.amount).minus(open), o.currency)} allocated): reverse them first`,
      { pointer: '/documentId', record },
    );
  if (amount.gt(open))
    throw invalid(
      '/amount',
      `reverses ${formatMoney(amount, o.currency)} but only ${formatMoney(open, o.currency)} of ${record} is open`,
      record,
    );
  const base = full
    ? { amount: dec(o.baseAmount), tax: dec(o.baseTaxAmount) }
    : {
        amount: amount.eq(open)
          ? dec(r.originalOpen.openBaseAmount)
          : Decimal.min(
              toBase(amount, o.fxRate, tenant.baseCurrency, tenant.roundingMode),
              dec(r.originalOpen.openBaseAmount),
            ),
        tax: dec('0'),
      };
  const facts = {
    ...o,
    id: r.id,
    voucherId: r.voucherId,
    number: r.number,
    side: opposite(o.side),
    amount: amount.toFixed(),
    taxAmount: full ? o.taxAmount : '0',
    documentDate: r.postingDate,
    postingDate: r.postingDate,
    valueDate: null,
    reversesId: o.id,
    reason: r.reason,
  };
  const clearing = {
    code: o.clearingAccount,
    name: mapping.document.accounts.find((a) => a.code === o.clearingAccount)?.name ?? o.clearingAccount,
  };
  const red = planDocument(tenant, mapping, facts, { base, clearing });
  if (full && r.originalVoucher) red.voucher = mirrorVoucher(r.originalVoucher, { ...red.voucher });
  const redOpen: OpenItem = { ...red.openItem, openAmount: '0', openBaseAmount: '0', status: 'settled' };
  const debitIsOriginal = o.side === 'debit';
  const offset: SettlementLine = {
    lineNo: 1,
    debitDocumentId: debitIsOriginal ? o.id : r.id,
    creditDocumentId: debitIsOriginal ? r.id : o.id,
    sign: 1,
    debitAmount: amount.toFixed(),
    creditAmount: amount.toFixed(),
    debitBaseAmount: base.amount.toFixed(),
    creditBaseAmount: base.amount.toFixed(),
    fxDifference: '0',
  };
  return {
    red: { ...red, openItem: redOpen },
    originalOpen: relieve(r.originalOpen, amount, base.amount, 1, '/amount', record),
    offset,
  };
}
