import type { TenantCtx } from '../context.ts';
import { invalid } from '../errors.ts';
import { dec, formatMoney, requireWithinLimit, toBase, type Decimal } from '../money/index.ts';
import { accountByRole, postingRule, type Account, type ResolvedMapping } from './account-mapping.ts';
import { naturalSide, opposite, type LedgerDocument, type OpenItem, type Side, type VoucherDraft } from './types.ts';
import { VoucherBuilder } from './voucher-builder.ts';

/** A validated document before posting: everything but the frozen base amounts, clearing account and period. */
export type DocumentFacts = Omit<LedgerDocument, 'baseAmount' | 'baseTaxAmount' | 'clearingAccount' | 'period'>;

export interface PlanOptions {
  /** The company bank account's GL account, replacing the chart's bank account on cash documents. */
  bankAccount?: Account;
  /** Frozen base amounts (a reversal takes its original's). */
  base?: { amount: Decimal; tax: Decimal };
  /** The clearing account (a red document clears on its original's). */
  clearing?: Account;
}

export interface DocumentPlan {
  document: LedgerDocument;
  openItem: OpenItem;
  voucher: VoucherDraft;
}

export const periodOf = (date: string) => date.slice(0, 7);

export const openStatus = (open: Decimal, amount: Decimal): OpenItem['status'] =>
  open.isZero() ? 'settled' : open.eq(amount) ? 'open' : 'partial';

export const describeDocument = (d: Pick<LedgerDocument, 'docType' | 'adjustmentKind' | 'number' | 'reversesId'>) =>
  `${d.reversesId ? 'reversal of ' : ''}${d.docType === 'adjustment' ? `${d.adjustmentKind} adjustment` : d.docType} ${d.number}`;

/**
 * Pure: freezes the base amounts at the document's rate and builds its balanced voucher from the account
 * mapping. A blue document debits and credits as its rule says; a red one (or a credit-side rounding
 * adjustment) takes every line to the other side.
 */
export function planDocument(
  tenant: TenantCtx,
  mapping: ResolvedMapping,
  f: DocumentFacts,
  o: PlanOptions = {},
): DocumentPlan {
  const amount = dec(f.amount);
  const tax = dec(f.taxAmount);
  const base = o.base ?? {
    amount: toBase(amount, f.fxRate, tenant.baseCurrency, tenant.roundingMode),
    tax: toBase(tax, f.fxRate, tenant.baseCurrency, tenant.roundingMode),
  };
  if (base.amount.lte(0))
    throw invalid(
      '/amount',
      `${formatMoney(amount, f.currency)} at rate ${f.fxRate} is zero in ${tenant.baseCurrency}`,
    );
  requireWithinLimit(
    base.amount,
    '/amount',
    `${formatMoney(amount, f.currency)} at rate ${f.fxRate} in ${tenant.baseCurrency}`,
  );
  const natural = naturalSide(f.docType, f.adjustmentKind);
  const rule = postingRule(mapping, f.docType, f.adjustmentKind, f.receivableType);
  if (o.bankAccount && natural === 'credit') rule.debit = o.bankAccount;
  if (o.bankAccount && natural === 'debit' && f.docType === 'refund') rule.credit = o.bankAccount;
  const clearing = o.clearing ?? (natural === 'debit' ? rule.debit : rule.credit);
  const counter = natural === 'debit' ? rule.credit : rule.debit;
  const flip = (s: Side): Side => (f.side === natural ? s : opposite(s));
  const document: LedgerDocument = {
    ...f,
    baseAmount: base.amount.toFixed(),
    baseTaxAmount: base.tax.toFixed(),
    clearingAccount: clearing.code,
    period: periodOf(f.postingDate),
  };
  const b = new VoucherBuilder({
    voucherDate: f.postingDate,
    sourceType: 'document',
    sourceId: f.id,
    description: describeDocument(f),
    currency: tenant.baseCurrency,
    mappingKey: mapping.key,
    mappingVersion: mapping.version,
  });
  const facing = { currency: f.currency, amountCurrency: amount, customerId: f.customerId, documentId: f.id };
  const counterSide = opposite(natural);
  b.add(flip(natural), clearing, base.amount, facing);
  b.add(flip(counterSide), counter, base.amount.minus(base.tax), { documentId: f.id });
  if (base.tax.gt(0))
    b.add(flip(counterSide), accountByRole(mapping, 'vat'), base.tax, {
      documentId: f.id,
      currency: f.currency,
      amountCurrency: tax,
    });
  const openItem: OpenItem = {
    documentId: f.id,
    customerId: f.customerId,
    side: f.side,
    currency: f.currency,
    amount: amount.toFixed(),
    openAmount: amount.toFixed(),
    baseAmount: base.amount.toFixed(),
    openBaseAmount: base.amount.toFixed(),
    dueDate: f.dueDate,
    status: 'open',
  };
  return { document, openItem, voucher: b.build() };
}
