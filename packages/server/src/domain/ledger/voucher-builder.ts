import { HexiaoError } from '../errors.ts';
import {
  dec,
  formatMoney,
  maxColumnAmount,
  minorUnits,
  ZERO,
  type Decimal,
  type DecimalInput,
} from '../money/index.ts';
import type { Account } from './account-mapping.ts';
import type { Side, VoucherDraft, VoucherLineDraft } from './types.ts';

export type VoucherHead = Omit<VoucherDraft, 'lines' | 'total'>;

export interface LineExtra {
  currency?: string | null;
  amountCurrency?: DecimalInput | null;
  customerId?: string | null;
  documentId?: string | null;
  memo?: string | null;
}

/**
 * Collects debit and credit lines in base currency and refuses to build a voucher that does not balance.
 * Zero amounts are skipped; a negative amount becomes a line on the other side; debits come first.
 * @example new VoucherBuilder(head).debit(ar, '113.00').credit(revenue, '100.00').credit(vat, '13.00').build()
 */
export class VoucherBuilder {
  private readonly lines: { side: Side; account: Account; amount: Decimal; extra: LineExtra }[] = [];

  constructor(private readonly head: VoucherHead) {}

  debit(account: Account, amount: DecimalInput, extra: LineExtra = {}): this {
    return this.add('debit', account, amount, extra);
  }

  credit(account: Account, amount: DecimalInput, extra: LineExtra = {}): this {
    return this.add('credit', account, amount, extra);
  }

  add(side: Side, account: Account, amount: DecimalInput, extra: LineExtra = {}): this {
    const d = dec(amount);
    if (d.isZero()) return this;
    if (d.isNeg()) return this.add(side === 'debit' ? 'credit' : 'debit', account, d.neg(), extra);
    this.lines.push({ side, account, amount: d, extra });
    return this;
  }

  /** Totals of the lines added so far. */
  totals(): { debit: Decimal; credit: Decimal } {
    let debit = ZERO;
    let credit = ZERO;
    for (const l of this.lines)
      if (l.side === 'debit') debit = debit.plus(l.amount);
      else credit = credit.plus(l.amount);
    return { debit, credit };
  }

  build(): VoucherDraft {
    const { debit, credit } = this.totals();
    const what = `voucher for ${this.head.description}`;
    if (!debit.eq(credit))
      throw new HexiaoError(
        'unbalanced_voucher',
        `${what} does not balance: debit ${formatMoney(debit, this.head.currency)}, credit ${formatMoney(credit, this.head.currency)}`,
        { pointer: '/lines' },
      );
    if (this.lines.length < 2)
      throw new HexiaoError(
        'unbalanced_voucher',
        `${what} needs at least one debit and one credit line (amounts round to zero?)`,
        { pointer: '/amount' },
      );
    if (debit.gt(maxColumnAmount))
      throw new HexiaoError(
        'invalid_data',
        `${what} totals ${formatMoney(debit, this.head.currency)}, more than one voucher holds (${maxColumnAmount.toFixed()}): split it`,
        { pointer: '/lines' },
      );
    const units = minorUnits(this.head.currency) ?? 2;
    const bad = this.lines.find((l) => l.amount.decimalPlaces() > units);
    if (bad)
      throw new HexiaoError(
        'unbalanced_voucher',
        `${what}: line on ${bad.account.code} has more decimals than ${this.head.currency} allows (${bad.amount.toFixed()})`,
        { pointer: '/lines' },
      );
    const ordered = [...this.lines.filter((l) => l.side === 'debit'), ...this.lines.filter((l) => l.side === 'credit')];
    const lines: VoucherLineDraft[] = ordered.map((l) => ({
      accountCode: l.account.code,
      accountName: l.account.name,
      debit: l.side === 'debit' ? l.amount.toFixed(units) : '0',
      credit: l.side === 'credit' ? l.amount.toFixed(units) : '0',
      currency: l.extra.currency ?? null,
      amountCurrency: l.extra.amountCurrency == null ? null : dec(l.extra.amountCurrency).toFixed(),
      customerId: l.extra.customerId ?? null,
      documentId: l.extra.documentId ?? null,
      memo: l.extra.memo ?? null,
    }));
    return { ...this.head, total: debit.toFixed(units), lines };
  }
}

/** The red voucher of a posted one: the same lines on the other side. */
export function mirrorVoucher(original: Pick<VoucherDraft, 'lines' | 'currency'>, head: VoucherHead): VoucherDraft {
  const b = new VoucherBuilder(head);
  for (const l of original.lines) {
    const extra = {
      currency: l.currency,
      amountCurrency: l.amountCurrency,
      customerId: l.customerId,
      documentId: l.documentId,
      memo: l.memo,
    };
    if (dec(l.debit).gt(0)) b.credit({ code: l.accountCode, name: l.accountName }, l.debit, extra);
    else b.debit({ code: l.accountCode, name: l.accountName }, l.credit, extra);
  }
  return b.build();
}
