import { Decimal } from '@hexiao/dsl';
import type { InvoiceRecord, ParseOutput, Party, Rejection } from '@hexiao/plugins/sdk';
import { decimalString } from './amount.ts';
import { isKnownCurrency } from './currency.ts';
import type { InvoiceDraft } from './invoice-draft.ts';

/** UNTDID 1001 codes of credit documents. */
const creditTypeCodes = new Set(['81', '83', '261', '262', '296', '308', '381', '396', '420', '458', '532']);
/** UNTDID 1001 codes of corrections (384 corrected invoice, 385 consolidated…). */
const correctionTypeCodes = new Set(['384']);

export interface FinishOptions {
  /** How a 384 corrected invoice is booked: as a credit document (default, per the issue) or as an invoice. */
  corrections?: 'credit-note' | 'invoice';
}

const zero = new Decimal(0);
const fmt = (d: Decimal) => decimalString(d);
const sum = (xs: Decimal[]) => xs.reduce((a, b) => a.plus(b), zero);

/**
 * Checks the EN 16931 totals arithmetic on the signed figures, then turns the draft into a canonical
 * record: a 381 (credit codes), a 384 correction or a negative document becomes a credit note with
 * positive amounts. A failed check is a rejection naming the field and the figures.
 */
export function finishInvoice(d: InvoiceDraft, opts: FinishOptions = {}): InvoiceRecord | Rejection {
  const reject = (field: string, reason: string): Rejection => ({
    rejected: { position: d.position, field, reason: `invoice ${d.number}: ${reason}` },
  });
  if (!isKnownCurrency(d.currency)) return reject('currency', `unknown currency "${d.currency}"`);
  if (d.taxCurrency !== undefined && !isKnownCurrency(d.taxCurrency))
    return reject('taxCurrency', `unknown tax currency "${d.taxCurrency}"`);

  const t = d.totals;
  const lineSum = sum(d.lines.map((l) => l.netAmount));
  const docAllowances = sum(d.allowancesCharges.filter((a) => !a.charge).map((a) => a.amount));
  const docCharges = sum(d.allowancesCharges.filter((a) => a.charge).map((a) => a.amount));
  const allowanceTotal = t.allowanceTotal ?? docAllowances;
  const chargeTotal = t.chargeTotal ?? docCharges;
  const taxBreakdownSum = sum(d.taxes.map((x) => x.taxAmount));

  if (t.allowanceTotal && !t.allowanceTotal.eq(docAllowances))
    return reject(
      'totals.allowanceTotal',
      `allowances add up to ${fmt(docAllowances)}, the document says ${fmt(t.allowanceTotal)}`,
    );
  if (t.chargeTotal && !t.chargeTotal.eq(docCharges))
    return reject(
      'totals.chargeTotal',
      `charges add up to ${fmt(docCharges)}, the document says ${fmt(t.chargeTotal)}`,
    );

  let lineTotal = t.lineTotal;
  if (d.lines.length > 0) {
    lineTotal ??= lineSum;
    if (!lineSum.eq(lineTotal))
      return reject(
        'totals.lineTotal',
        `line net amounts add up to ${fmt(lineSum)}, the line total says ${fmt(lineTotal)}`,
      );
  }
  let taxExclusive = t.taxExclusive;
  if (lineTotal === undefined) {
    if (taxExclusive === undefined)
      return reject('totals.taxExclusive', 'neither lines, a line total nor a tax exclusive amount');
    lineTotal = taxExclusive.plus(allowanceTotal).minus(chargeTotal);
  }
  const expectedExclusive = lineTotal.minus(allowanceTotal).plus(chargeTotal);
  taxExclusive ??= expectedExclusive;
  if (!expectedExclusive.eq(taxExclusive))
    return reject(
      'totals.taxExclusive',
      `line total ${fmt(lineTotal)} − allowances ${fmt(allowanceTotal)} + charges ${fmt(chargeTotal)} = ${fmt(expectedExclusive)}, the document says ${fmt(taxExclusive)}`,
    );

  const tax = t.tax ?? taxBreakdownSum;
  if (d.taxes.length > 0 && !taxBreakdownSum.eq(tax))
    return reject('totals.tax', `tax breakdown adds up to ${fmt(taxBreakdownSum)}, the tax total says ${fmt(tax)}`);
  const expectedInclusive = taxExclusive.plus(tax);
  const taxInclusive = t.taxInclusive ?? expectedInclusive;
  if (!expectedInclusive.eq(taxInclusive))
    return reject(
      'totals.taxInclusive',
      `tax exclusive ${fmt(taxExclusive)} + tax ${fmt(tax)} = ${fmt(expectedInclusive)}, the document says ${fmt(taxInclusive)}`,
    );

  const prepaid = t.prepaid ?? zero;
  const rounding = t.rounding ?? zero;
  const expectedPayable = taxInclusive.minus(prepaid).plus(rounding);
  const payable = t.payable ?? expectedPayable;
  if (!expectedPayable.eq(payable))
    return reject(
      'totals.payable',
      `tax inclusive ${fmt(taxInclusive)} − prepaid ${fmt(prepaid)} + rounding ${fmt(rounding)} = ${fmt(expectedPayable)}, the payable amount says ${fmt(payable)}`,
    );

  const declaredCredit =
    creditTypeCodes.has(d.typeCode) ||
    (correctionTypeCodes.has(d.typeCode) && (opts.corrections ?? 'credit-note') === 'credit-note');
  const negative = payable.isNegative() || (payable.isZero() && taxInclusive.isNegative());
  // A negative credit note is an invoice, a negative invoice a credit note: flip every amount.
  const flip = negative;
  const documentKind: InvoiceRecord['documentKind'] = declaredCredit !== negative ? 'credit-note' : 'invoice';
  const s = (x: Decimal) => fmt(flip ? x.negated() : x);
  const so = (x: Decimal | undefined) => (x === undefined ? undefined : s(x));
  const plain = (x: Decimal | undefined) => (x === undefined ? undefined : fmt(x));

  const record: InvoiceRecord = {
    type: 'invoice',
    documentKind,
    typeCode: d.typeCode,
    sourceKey: `${partyKey(d.seller)}|${d.number}|${documentKind}`,
    number: d.number,
    issueDate: d.issueDate,
    dueDate: d.dueDate,
    taxPointDate: d.taxPointDate,
    currency: d.currency,
    taxCurrency: d.taxCurrency,
    taxTotalInTaxCurrency: so(d.taxTotalInTaxCurrency),
    seller: d.seller,
    buyer: d.buyer,
    payee: d.payee,
    lines: d.lines.map((l) => ({
      ...l,
      netAmount: s(l.netAmount),
      quantity: so(l.quantity),
      unitPrice: plain(l.unitPrice),
      taxRate: plain(l.taxRate),
    })),
    allowancesCharges: d.allowancesCharges.map((a) => ({ ...a, amount: s(a.amount), taxRate: plain(a.taxRate) })),
    taxes: d.taxes.map((x) => ({
      ...x,
      rate: plain(x.rate),
      taxableAmount: s(x.taxableAmount),
      taxAmount: s(x.taxAmount),
    })),
    totals: {
      lineTotal: s(lineTotal),
      allowanceTotal: so(t.allowanceTotal ?? (docAllowances.isZero() ? undefined : docAllowances)),
      chargeTotal: so(t.chargeTotal ?? (docCharges.isZero() ? undefined : docCharges)),
      taxExclusive: s(taxExclusive),
      tax: s(tax),
      taxInclusive: s(taxInclusive),
      prepaid: so(t.prepaid),
      rounding: so(t.rounding),
      payable: s(payable),
    },
    paymentTerms: d.paymentTerms,
    paymentMeans: d.paymentMeans,
    orderReference: d.orderReference,
    salesOrderReference: d.salesOrderReference,
    contractReference: d.contractReference,
    buyerReference: d.buyerReference,
    projectReference: d.projectReference,
    precedingInvoices: d.precedingInvoices?.length ? d.precedingInvoices : undefined,
    note: d.note?.length ? d.note : undefined,
    position: d.position,
  };
  return dropUndefined(record);
}

/**
 * Party identity for a sourceKey: tax id, else legal id, else endpoint, else GLN, other id or name. A tax id
 * loses its spaces and is upper-cased ("DE 123456789" = "DE123456789"), so two formats of one document agree.
 */
export function partyKey(p: Party): string {
  if (p.taxId) return p.taxId.replace(/\s+/g, '').toUpperCase();
  return p.legalId ?? p.endpointId ?? p.gln ?? p.ids?.[0] ?? p.name ?? '';
}

/** Removes undefined properties (deeply) so records compare and serialise cleanly. */
export function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropUndefined) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = dropUndefined(v);
    return out as T;
  }
  return value;
}

/** A remark for the import report when a credit document does not say which invoice it corrects. */
export function warnUnlinkedCredit(out: ParseOutput, warn: (m: string) => void): ParseOutput {
  if ('type' in out && out.type === 'invoice' && out.documentKind === 'credit-note' && !out.precedingInvoices?.length)
    warn(`credit note ${out.number} does not reference the invoice it credits (no preceding invoice reference)`);
  return out;
}
