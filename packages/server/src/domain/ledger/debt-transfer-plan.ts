import type { TenantCtx } from '../context.ts';
import { invalid } from '../errors.ts';
import { Decimal, dec, formatMoney, minorUnits, toBase } from '../money/index.ts';
import type { Account, ResolvedMapping } from './account-mapping.ts';
import { relieve, type SettlementLine } from './open-items.ts';
import { describeDocument, periodOf } from './post-plan.ts';
import type { LedgerDocument, OpenItem, VoucherDraft } from './types.ts';
import { VoucherBuilder } from './voucher-builder.ts';
import type { WriteOffTarget } from './write-off-plan.ts';

export interface DebtTransferPlanInput {
  source: WriteOffTarget & { document: Pick<LedgerDocument, 'dueDate'> };
  amount?: string;
  toCustomerId: string;
  toReceivableType: string;
  /** The clearing account an invoice of the target receivable type sits on. */
  toClearing: Account;
  fromClearing: Account;
  ids: { out: string; in: string; voucher: string };
  numbers: { out: string; in: string };
  postingDate: string;
  dueDate: string | null;
  reason: string;
  reference: string | null;
}

export interface DebtTransferPlan {
  out: { document: LedgerDocument; openItem: OpenItem };
  in: { document: LedgerDocument; openItem: OpenItem };
  voucher: VoucherDraft;
  sourceOpen: OpenItem;
  line: SettlementLine;
}

/**
 * Pure: moves an open amount of a receivable to another customer (triangular debt, merger) or another
 * receivable type, as a pair of documents pointing to each other: transfer-out on the source's customer,
 * settled against the source at once, and transfer-in, a new open debit on the target, at the source's
 * rate and base amount. One voucher carries both: debit the target's clearing account, credit the source's.
 */
export function planDebtTransfer(
  tenant: TenantCtx,
  mapping: ResolvedMapping,
  p: DebtTransferPlanInput,
): DebtTransferPlan {
  const s = p.source.document;
  const name = describeDocument(s);
  const open = dec(p.source.open.openAmount);
  if (s.side !== 'debit' || !['invoice', 'adjustment', 'transfer-in'].includes(s.docType) || s.reversesId)
    throw invalid('/documentId', `${name} is not an open receivable that can be transferred`);
  if (open.isZero()) throw invalid('/documentId', `${name} is settled: nothing is open to transfer`);
  const amount = p.amount === undefined ? open : dec(p.amount);
  if (amount.lte(0) || amount.decimalPlaces() > (minorUnits(s.currency) ?? 2))
    throw invalid('/amount', `must be a positive amount in ${s.currency} minor units`);
  if (amount.gt(open))
    throw invalid(
      '/amount',
      `${formatMoney(amount, s.currency)} is larger than the open amount of ${name} (${formatMoney(open, s.currency)})`,
    );
  if (p.toCustomerId === s.customerId && p.toReceivableType === s.receivableType)
    throw invalid(
      '/toCustomerId',
      `names the same customer and receivable type as ${name}: the transfer would move nothing`,
    );
  if (p.postingDate < s.postingDate)
    throw invalid('/postingDate', `is before the posting date of ${name} (${s.postingDate})`);
  const base = amount.eq(open)
    ? dec(p.source.open.openBaseAmount)
    : Decimal.min(
        toBase(amount, s.fxRate, tenant.baseCurrency, tenant.roundingMode),
        dec(p.source.open.openBaseAmount),
      );
  if (base.lte(0)) throw invalid('/amount', `is zero in ${tenant.baseCurrency} at rate ${s.fxRate}`);
  const common = {
    adjustmentKind: null,
    writeOffKind: null,
    bankAccountId: null,
    currency: s.currency,
    amount: amount.toFixed(),
    taxAmount: '0',
    fxRate: s.fxRate,
    baseAmount: base.toFixed(),
    baseTaxAmount: '0',
    documentDate: p.postingDate,
    postingDate: p.postingDate,
    valueDate: null,
    period: periodOf(p.postingDate),
    reversesId: null,
    orderRef: null,
    deliveryRef: null,
    reference: p.reference,
    reason: p.reason,
    custom: {},
    voucherId: p.ids.voucher,
  };
  const outDoc: LedgerDocument = {
    ...common,
    id: p.ids.out,
    docType: 'transfer-out',
    side: 'credit',
    number: p.numbers.out,
    customerId: s.customerId,
    receivableType: s.receivableType,
    dueDate: null,
    clearingAccount: p.fromClearing.code,
    relatedId: p.ids.in,
    description: `debt transfer of ${name} out`,
  };
  const inDoc: LedgerDocument = {
    ...common,
    id: p.ids.in,
    docType: 'transfer-in',
    side: 'debit',
    number: p.numbers.in,
    customerId: p.toCustomerId,
    receivableType: p.toReceivableType,
    dueDate: p.dueDate ?? s.dueDate ?? null,
    clearingAccount: p.toClearing.code,
    relatedId: p.ids.out,
    description: `debt transfer of ${name} in`,
  };
  const b = new VoucherBuilder({
    voucherDate: p.postingDate,
    sourceType: 'document',
    sourceId: p.ids.out,
    description: `debt transfer: ${name}`,
    currency: tenant.baseCurrency,
    mappingKey: mapping.key,
    mappingVersion: mapping.version,
  });
  b.debit(p.toClearing, base, {
    currency: s.currency,
    amountCurrency: amount,
    customerId: p.toCustomerId,
    documentId: p.ids.in,
  });
  b.credit(p.fromClearing, base, {
    currency: s.currency,
    amountCurrency: amount,
    customerId: s.customerId,
    documentId: p.ids.out,
  });
  const item = (d: LedgerDocument, settled: boolean): OpenItem => ({
    documentId: d.id,
    customerId: d.customerId,
    side: d.side,
    currency: d.currency,
    amount: d.amount,
    openAmount: settled ? '0' : d.amount,
    baseAmount: d.baseAmount,
    openBaseAmount: settled ? '0' : d.baseAmount,
    dueDate: d.dueDate,
    status: settled ? 'settled' : 'open',
  });
  return {
    out: { document: outDoc, openItem: item(outDoc, true) },
    in: { document: inDoc, openItem: item(inDoc, false) },
    voucher: b.build(),
    sourceOpen: relieve(p.source.open, amount, base, 1, '/amount', name),
    line: {
      lineNo: 1,
      debitDocumentId: s.id,
      creditDocumentId: p.ids.out,
      sign: 1,
      debitAmount: amount.toFixed(),
      creditAmount: amount.toFixed(),
      debitBaseAmount: base.toFixed(),
      creditBaseAmount: base.toFixed(),
      fxDifference: '0',
    },
  };
}
