import { Decimal } from '@hexiao/dsl';
import { minorUnits } from '../money/index.ts';
import type { Item } from './candidate-index.ts';
import { fromMinor, toMinor } from './minor.ts';
import type { ResolvedRule } from './settings.ts';
import type { AdjustmentUse, Evidence } from './types.ts';

/** What a set of documents and a receipt amount make together. */
export interface Fit {
  /** Debits in allocation order with the part each settles (document currency) and the receipt's part of it. */
  debits: { item: Item; amount: number; receiptPart: number }[];
  credits: { item: Item; amount: number }[];
  adjustments: (Omit<AdjustmentUse, 'amount'> & { amount: number })[];
  /** Receipt amount left open (receipt currency). */
  unapplied: number;
  evidence: Evidence[];
  reasons: string[];
}

export interface FitInput {
  receiptAmount: number;
  receiptCurrency: string;
  date: string;
  debits: Item[];
  credits: Item[];
  rule: ResolvedRule;
  /** Whether this stage may settle part of the documents or leave an excess unapplied. */
  partial: boolean;
  overpayment: boolean;
  rate?: (from: string, to: string, date: string) => string | null;
  points: { amountExact: number; amountTolerance: number };
}

const shortfallKinds = new Set(['bank-fee', 'discount', 'rebate']);

function convert(minor: number, from: string, to: string, rate: string): number {
  const v = new Decimal(fromMinor(minor, from)).times(rate).toDecimalPlaces(minorUnits(to) ?? 2, Decimal.ROUND_HALF_UP);
  return toMinor(v.toFixed(), to);
}

/** The allowed difference: up to the absolute or the relative tolerance (the larger when a rule sets both). */
export function toleranceOf(rule: ResolvedRule, due: number, currency: string): number {
  const abs = rule.doc.tolerance?.absolute !== undefined ? toMinor(rule.tolerance.absolute, currency) : undefined;
  const rel =
    rule.doc.tolerance?.relative !== undefined
      ? Math.floor(new Decimal(rule.tolerance.relative).times(due).toNumber())
      : undefined;
  if (abs === undefined && rel === undefined) return 0;
  return Math.max(abs ?? 0, rel ?? 0);
}

/**
 * Checks a receipt amount against the open amount of documents (ENGINES.md §1.5 S2/S3): equal (or within the
 * rule's tolerance, the difference becoming the rule's adjustment) settles them all; less settles them in order
 * when the stage allows a partial payment; more settles them all and leaves the rest on the receipt. A reference
 * never bypasses this check. Across currencies the receipt converts at the day's rate and the ledger books the
 * FX difference. Returns the reason when nothing fits.
 */
export function fitAmount(f: FitInput): Fit | string {
  const debits = f.debits.filter((d) => d.rem > 0);
  if (debits.length === 0) return 'the documents are already settled';
  const ccy = debits[0]!.currency;
  if (debits.some((d) => d.currency !== ccy)) return 'the documents are in several currencies';
  const cross = ccy !== f.receiptCurrency;
  let rate: string | null = null;
  let amount = f.receiptAmount;
  if (cross) {
    if (!f.rule.crossCurrency.allowed) return `receipt in ${f.receiptCurrency}, documents in ${ccy}`;
    rate = f.rate?.(f.receiptCurrency, ccy, f.date) ?? null;
    if (!rate) return `no ${f.receiptCurrency}→${ccy} rate on ${f.date}`;
    amount = convert(f.receiptAmount, f.receiptCurrency, ccy, rate);
    if (!(amount > 0)) return 'the converted amount is zero';
  }
  const credits = cross ? [] : f.credits.filter((c) => c.rem > 0 && c.currency === ccy);
  const due = debits.reduce((s, d) => s + d.rem, 0);
  const creditTotal = credits.reduce((s, c) => s + c.rem, 0);
  const net = due - creditTotal;
  if (net <= 0) return 'the credit notes cover the documents';
  const diff = amount - net;
  const tol = toleranceOf(f.rule, net, ccy);
  const fxTol = cross ? Math.floor(new Decimal(f.rule.crossCurrency.tolerance).times(net).toNumber()) : 0;
  const fmt = (v: number) => fromMinor(v, ccy);
  const kind = f.rule.tolerance.adjustment;
  const evidence: Evidence[] = [];
  const reasons: string[] = [];
  const adjustments: Fit['adjustments'] = [];
  const last = debits[debits.length - 1]!;
  let settleAll = false;
  let unapplied = 0;
  if (diff === 0 || (cross && Math.abs(diff) <= fxTol)) {
    settleAll = true;
    evidence.push({
      family: 'amount',
      code: 'amount-exact',
      points: f.points.amountExact,
      detail: cross
        ? `${fromMinor(f.receiptAmount, f.receiptCurrency)} ${f.receiptCurrency} at ${rate} is ${fmt(amount)} ${ccy} for ${fmt(net)} due`
        : `amount ${fmt(amount)} equals ${fmt(net)} due`,
    });
  } else if (!cross && diff < 0 && -diff <= tol && kind && shortfallKinds.has(kind)) {
    settleAll = true;
    adjustments.push({
      kind: kind as AdjustmentUse['kind'],
      amount: -diff,
      currency: ccy,
      customerId: last.customerId,
      documentId: last.id,
    });
    evidence.push({
      family: 'amount',
      code: 'amount-tolerance',
      points: f.points.amountTolerance,
      detail: `short by ${fmt(-diff)}, tolerance ${fmt(tol)}: ${kind}`,
    });
  } else if (!cross && diff > 0 && diff <= tol && kind === 'rounding') {
    settleAll = true;
    adjustments.push({ kind: 'rounding', amount: diff, currency: ccy, customerId: last.customerId, documentId: null });
    evidence.push({
      family: 'amount',
      code: 'amount-tolerance',
      points: f.points.amountTolerance,
      detail: `over by ${fmt(diff)}, tolerance ${fmt(tol)}: rounding`,
    });
  } else if (diff < 0) {
    if (!f.partial) return `amount differs by ${fmt(-diff)}, tolerance ${fmt(tol)}`;
    reasons.push(`partial payment: ${fmt(amount)} of ${fmt(net)} due; the rest stays open`);
  } else {
    if (!f.overpayment) return `amount differs by ${fmt(diff)}, tolerance ${fmt(tol)}`;
    settleAll = true;
    reasons.push(`overpayment: ${fmt(diff)} ${ccy} more than due stays on the receipt as unapplied credit`);
  }

  // allocate: credit notes and a shortfall adjustment first, then the receipt
  let available = creditTotal + adjustments.filter((a) => a.documentId).reduce((s, a) => s + a.amount, 0);
  let receiptLeft = amount;
  const out: Fit['debits'] = [];
  for (const d of debits) {
    const settle = settleAll ? d.rem : Math.min(d.rem, available + receiptLeft);
    if (settle <= 0) break;
    const fromCredits = Math.min(settle, available);
    available -= fromCredits;
    const fromReceipt = settle - fromCredits;
    receiptLeft -= fromReceipt;
    out.push({ item: d, amount: settle, receiptPart: fromReceipt });
  }
  const rounding = adjustments.find((a) => a.kind === 'rounding');
  if (rounding) receiptLeft -= rounding.amount;
  if (!cross) unapplied = Math.max(0, receiptLeft);
  else {
    // the receipt's part of each document in its own currency: all of it unless it overpays
    const settled = out.reduce((s, d) => s + d.amount, 0);
    const exactFx = Math.abs(diff) <= fxTol;
    const useAll = exactFx || diff < 0;
    let left = f.receiptAmount;
    out.forEach((d, i) => {
      const part =
        useAll && i === out.length - 1
          ? left
          : Math.min(left, shareOf(f.receiptAmount, d.amount, exactFx ? settled : amount));
      d.receiptPart = part;
      left -= part;
    });
    unapplied = left;
    if (!exactFx) reasons.push(`converted at ${rate} ${f.receiptCurrency}→${ccy}`);
  }
  return {
    debits: out,
    credits: credits.map((c) => ({ item: c, amount: c.rem })),
    adjustments,
    unapplied,
    evidence,
    reasons,
  };
}

/**
 * round(total × part / whole), half away from zero, in BigInt: the product of two amounts in minor units passes
 * 2^53 long before either amount does, and a float product would round the cents.
 */
function shareOf(total: number, part: number, whole: number): number {
  const num = BigInt(total) * BigInt(part) * 2n;
  const den = BigInt(whole) * 2n;
  const q = (num + (num < 0n === den < 0n ? den / 2n : -den / 2n)) / den;
  return Number(q);
}
