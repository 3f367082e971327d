import type { TenantCtx } from '../context.ts';
import { invalid } from '../errors.ts';
import { Decimal, dec, formatMoney, minorUnits, toBase, ZERO } from '../money/index.ts';
import { accountByRole, postingRule, type Account, type ResolvedMapping } from './account-mapping.ts';
import type { SettlementLine } from './open-items.ts';
import { relieve } from './open-items.ts';
import { describeDocument, periodOf } from './post-plan.ts';
import { opposite, type LedgerDocument, type OpenItem, type VoucherDraft, type WriteOffKind } from './types.ts';
import { VoucherBuilder } from './voucher-builder.ts';

/** What an allowance that is too small does to a bad-debt write-off (ENGINES.md §3.3). */
export type ShortfallPolicy = 'expense' | 'allowance-debit-balance';

export interface WriteOffTarget {
  document: Pick<
    LedgerDocument,
    | 'id'
    | 'docType'
    | 'adjustmentKind'
    | 'number'
    | 'reversesId'
    | 'side'
    | 'customerId'
    | 'currency'
    | 'fxRate'
    | 'clearingAccount'
    | 'receivableType'
    | 'postingDate'
  >;
  open: OpenItem;
}

export interface WriteOffItemInput {
  kind: WriteOffKind;
  target: WriteOffTarget;
  /** In the item's currency; omitted = everything still open. */
  amount?: string;
  id: string;
  voucherId: string;
  number: string;
  postingDate: string;
  reason: string;
  reference: string | null;
  /** Allowance still carried for the customer, in base currency (bad-debt only). */
  allowance: Decimal;
  /** The general allowance still carried (percentage of credit sales), drawn on after the customer's own. */
  pool?: Decimal;
  shortfall: ShortfallPolicy;
  /** Pointer prefix of the item in the request, e.g. `/items/0`. */
  at: string;
}

export interface WriteOffPlan {
  document: LedgerDocument;
  openItem: OpenItem;
  voucher: VoucherDraft;
  /** The written-off item after the write-off. */
  targetOpen: OpenItem;
  line: SettlementLine;
  /** Base amounts: taken from the allowance, and charged to expense because the allowance was short. */
  allowanceUsed: Decimal;
  shortfallCharged: Decimal;
  /** The part of allowanceUsed taken from the general allowance. */
  poolUsed: Decimal;
}

const writable = new Set(['invoice', 'adjustment', 'transfer-in']);
const accountOf = (m: ResolvedMapping, code: string): Account => ({
  code,
  name: m.document.accounts.find((a) => a.code === code)?.name ?? code,
});

/**
 * Pure: writes off (part of) one open item. The write-off is a document on the other side of the item,
 * in its currency and at its frozen rate, settled against it at once. Its voucher credits the item's own
 * clearing account and debits, by kind: the allowance (bad-debt; a shortfall goes to bad-debt expense
 * when the policy says so, else the allowance runs a debit balance), the small-balance expense, or the
 * direct write-off (non-operating) expense. A credit item's small balance goes to income instead.
 */
export function planWriteOff(tenant: TenantCtx, mapping: ResolvedMapping, w: WriteOffItemInput): WriteOffPlan {
  const t = w.target.document;
  const name = describeDocument(t);
  const open = dec(w.target.open.openAmount);
  if (t.side === 'credit' && w.kind !== 'small-balance')
    throw invalid(`${w.at}/documentId`, `${name} is a credit item; only a small balance of it can be written off`);
  if (t.side === 'debit' && !writable.has(t.docType))
    throw invalid(`${w.at}/documentId`, `${name} is not a receivable that can be written off`);
  if (t.reversesId) throw invalid(`${w.at}/documentId`, `${name} is a reversal`);
  if (open.isZero()) throw invalid(`${w.at}/documentId`, `${name} is settled: nothing is open to write off`);
  const amount = w.amount === undefined ? open : dec(w.amount);
  if (amount.lte(0) || amount.decimalPlaces() > (minorUnits(t.currency) ?? 2))
    throw invalid(`${w.at}/amount`, `must be a positive amount in ${t.currency} minor units`);
  if (amount.gt(open))
    throw invalid(
      `${w.at}/amount`,
      `${formatMoney(amount, t.currency)} is larger than the open amount of ${name} (${formatMoney(open, t.currency)})`,
    );
  if (w.postingDate < t.postingDate)
    throw invalid('/postingDate', `is before the posting date of ${name} (${t.postingDate})`);
  const base = amount.eq(open)
    ? dec(w.target.open.openBaseAmount)
    : Decimal.min(
        toBase(amount, t.fxRate, tenant.baseCurrency, tenant.roundingMode),
        dec(w.target.open.openBaseAmount),
      );
  if (base.lte(0))
    throw invalid(
      `${w.at}/amount`,
      `${formatMoney(amount, t.currency)} is zero in ${tenant.baseCurrency} at rate ${t.fxRate}`,
    );
  const side = opposite(t.side);
  const document: LedgerDocument = {
    id: w.id,
    docType: 'write-off',
    adjustmentKind: null,
    writeOffKind: w.kind,
    relatedId: t.id,
    receivableType: t.receivableType,
    side,
    number: w.number,
    customerId: t.customerId,
    bankAccountId: null,
    currency: t.currency,
    amount: amount.toFixed(),
    taxAmount: '0',
    fxRate: t.fxRate,
    baseAmount: base.toFixed(),
    baseTaxAmount: '0',
    documentDate: w.postingDate,
    postingDate: w.postingDate,
    valueDate: null,
    dueDate: null,
    period: periodOf(w.postingDate),
    clearingAccount: t.clearingAccount,
    reversesId: null,
    orderRef: null,
    deliveryRef: null,
    reference: w.reference,
    description: `${w.kind} write-off of ${name}`,
    reason: w.reason,
    custom: {},
    voucherId: w.voucherId,
  };
  const b = new VoucherBuilder({
    voucherDate: w.postingDate,
    sourceType: 'document',
    sourceId: w.id,
    description: document.description!,
    currency: tenant.baseCurrency,
    mappingKey: mapping.key,
    mappingVersion: mapping.version,
  });
  const facing = { currency: t.currency, amountCurrency: amount, customerId: t.customerId, documentId: t.id };
  const rule = postingRule(mapping, 'write-off', w.kind, t.receivableType);
  let allowanceUsed = ZERO;
  let shortfallCharged = ZERO;
  let poolUsed = ZERO;
  if (t.side === 'credit') {
    b.debit(accountOf(mapping, t.clearingAccount), base, facing);
    b.credit(rule.credit, base, { documentId: w.id, memo: `small balance of ${name}` });
  } else {
    if (w.kind === 'bad-debt') {
      const own = w.shortfall === 'expense' ? Decimal.min(base, Decimal.max(w.allowance, ZERO)) : base;
      poolUsed = Decimal.min(base.minus(own), Decimal.max(w.pool ?? ZERO, ZERO));
      allowanceUsed = own.plus(poolUsed);
      shortfallCharged = base.minus(allowanceUsed);
      b.debit(rule.debit, own, {
        documentId: w.id,
        customerId: t.customerId,
        memo: `allowance used for ${name}`,
      });
      b.debit(rule.debit, poolUsed, {
        documentId: w.id,
        customerId: null,
        memo: `general allowance used for ${name}`,
      });
      b.debit(accountByRole(mapping, 'bad-debt-expense'), shortfallCharged, {
        documentId: w.id,
        customerId: t.customerId,
        memo: `allowance short by ${formatMoney(shortfallCharged, tenant.baseCurrency)}`,
      });
    } else
      b.debit(rule.debit, base, { documentId: w.id, customerId: t.customerId, memo: `${w.kind} write-off of ${name}` });
    b.credit(accountOf(mapping, t.clearingAccount), base, facing);
  }
  const targetOpen = relieve(w.target.open, amount, base, 1, `${w.at}/amount`, name);
  const debitDoc = t.side === 'debit' ? t.id : w.id;
  const creditDoc = t.side === 'debit' ? w.id : t.id;
  return {
    document,
    openItem: {
      documentId: w.id,
      customerId: t.customerId,
      side,
      currency: t.currency,
      amount: amount.toFixed(),
      openAmount: '0',
      baseAmount: base.toFixed(),
      openBaseAmount: '0',
      dueDate: null,
      status: 'settled',
    },
    voucher: b.build(),
    targetOpen,
    line: {
      lineNo: 1,
      debitDocumentId: debitDoc,
      creditDocumentId: creditDoc,
      sign: 1,
      debitAmount: amount.toFixed(),
      creditAmount: amount.toFixed(),
      debitBaseAmount: base.toFixed(),
      creditBaseAmount: base.toFixed(),
      fxDifference: '0',
    },
    allowanceUsed,
    shortfallCharged,
    poolUsed,
  };
}
