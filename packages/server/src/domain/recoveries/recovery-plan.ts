import type { TenantCtx } from '../context.ts';
import { invalid } from '../errors.ts';
import { Decimal, dec, formatMoney, minorUnits, toBase } from '../money/index.ts';
import {
  accountByRole,
  describeDocument,
  periodOf,
  postingRule,
  VoucherBuilder,
  type Account,
  type LedgerDocument,
  type OpenItem,
  type ResolvedMapping,
  type VoucherDraft,
} from '../ledger/index.ts';

/**
 * What cash received on a written-off debt does (ENGINES.md §3.3, CAS 22 坏账收回): `reinstate` brings the
 * receivable back against what the write-off debited (the allowance for a bad debt, the expense for a direct
 * write-off) and lets the receipt settle it; `income` books it straight to non-operating income.
 */
export type RecoveryPolicy = 'reinstate' | 'income';
export const recoveryPolicies: readonly RecoveryPolicy[] = ['reinstate', 'income'];

export interface RecoveryItemInput {
  writeOff: Pick<
    LedgerDocument,
    | 'id'
    | 'docType'
    | 'writeOffKind'
    | 'relatedId'
    | 'number'
    | 'adjustmentKind'
    | 'reversesId'
    | 'customerId'
    | 'currency'
    | 'fxRate'
    | 'amount'
    | 'baseAmount'
    | 'clearingAccount'
    | 'receivableType'
    | 'postingDate'
  >;
  /** What earlier recoveries of this write-off took, in its currency and in base. */
  recovered: { amount: Decimal; base: Decimal };
  /** In the write-off's currency; omitted = everything not yet recovered. */
  amount?: Decimal;
  policy: RecoveryPolicy;
  id: string;
  voucherId: string;
  number: string;
  postingDate: string;
  reason: string;
  reference: string | null;
}

export interface RecoveryPlan {
  document: LedgerDocument;
  openItem: OpenItem;
  voucher: VoucherDraft;
  /** The account credited: the allowance or expense the write-off debited, or income. */
  credited: Account;
}

const accountOf = (m: ResolvedMapping, code: string): Account => ({
  code,
  name: m.document.accounts.find((a) => a.code === code)?.name ?? code,
});

/**
 * Pure: the recovery document of (part of) a written-off debt, on the debit side in the write-off's currency
 * at its frozen rate, and its voucher: Dr the receivable's clearing account, Cr the account the policy names.
 * Refused when the write-off was a small balance (nothing uncollectable was written off), is reversed, or
 * when the amount is more than what it wrote off less what was already recovered.
 */
export function planRecovery(tenant: TenantCtx, mapping: ResolvedMapping, r: RecoveryItemInput): RecoveryPlan {
  const w = r.writeOff;
  const name = describeDocument(w);
  if (w.docType !== 'write-off') throw invalid('/writeOffId', `${name} is not a write-off`);
  if (w.reversesId) throw invalid('/writeOffId', `${name} is a reversal`);
  if (w.writeOffKind === 'small-balance')
    throw invalid('/writeOffId', `${name} cleared a small balance: only a debt written off as bad can be recovered`);
  const remaining = dec(w.amount).minus(r.recovered.amount);
  const remainingBase = dec(w.baseAmount).minus(r.recovered.base);
  if (remaining.lte(0))
    throw invalid('/writeOffId', `${name} is already recovered in full (${formatMoney(dec(w.amount), w.currency)})`);
  const amount = r.amount ?? remaining;
  if (amount.lte(0) || amount.decimalPlaces() > (minorUnits(w.currency) ?? 2))
    throw invalid('/amount', `must be a positive amount in ${w.currency} minor units`);
  if (amount.gt(remaining))
    throw invalid(
      '/amount',
      `${formatMoney(amount, w.currency)} is more than ${name} left to recover (${formatMoney(remaining, w.currency)} of ${formatMoney(dec(w.amount), w.currency)} written off)`,
    );
  if (r.postingDate < w.postingDate)
    throw invalid('/postingDate', `is before the posting date of ${name} (${w.postingDate})`);
  const base = amount.eq(remaining)
    ? remainingBase
    : Decimal.min(toBase(amount, w.fxRate, tenant.baseCurrency, tenant.roundingMode), remainingBase);
  if (base.lte(0))
    throw invalid(
      '/amount',
      `${formatMoney(amount, w.currency)} is zero in ${tenant.baseCurrency} at rate ${w.fxRate}`,
    );
  const credited =
    r.policy === 'income'
      ? accountByRole(mapping, 'non-operating-income')
      : postingRule(mapping, 'write-off', w.writeOffKind ?? 'bad-debt', w.receivableType).debit;
  const clearing = accountOf(mapping, w.clearingAccount);
  const description = `recovery of ${name} (${r.policy === 'income' ? 'to income' : 'receivable reinstated'})`;
  const document: LedgerDocument = {
    id: r.id,
    docType: 'recovery',
    adjustmentKind: null,
    writeOffKind: null,
    relatedId: w.id,
    receivableType: w.receivableType,
    side: 'debit',
    number: r.number,
    customerId: w.customerId,
    bankAccountId: null,
    currency: w.currency,
    amount: amount.toFixed(),
    taxAmount: '0',
    fxRate: w.fxRate,
    baseAmount: base.toFixed(),
    baseTaxAmount: '0',
    documentDate: r.postingDate,
    postingDate: r.postingDate,
    valueDate: null,
    dueDate: r.postingDate,
    period: periodOf(r.postingDate),
    clearingAccount: w.clearingAccount,
    reversesId: null,
    orderRef: null,
    deliveryRef: null,
    reference: r.reference,
    description,
    reason: r.reason,
    custom: {},
    voucherId: r.voucherId,
  };
  const b = new VoucherBuilder({
    voucherDate: r.postingDate,
    sourceType: 'document',
    sourceId: r.id,
    description,
    currency: tenant.baseCurrency,
    mappingKey: mapping.key,
    mappingVersion: mapping.version,
  });
  b.debit(clearing, base, { currency: w.currency, amountCurrency: amount, customerId: w.customerId, documentId: r.id });
  b.credit(credited, base, { documentId: r.id, customerId: w.customerId, memo: description });
  return {
    document,
    openItem: {
      documentId: r.id,
      customerId: w.customerId,
      side: 'debit',
      currency: w.currency,
      amount: amount.toFixed(),
      openAmount: amount.toFixed(),
      baseAmount: base.toFixed(),
      openBaseAmount: base.toFixed(),
      dueDate: r.postingDate,
      status: 'open',
    },
    voucher: b.build(),
    credited,
  };
}
