import { HexiaoError, type FieldError } from '../errors.ts';
import { amountLimitReason, dec, isAmountText, isRateText, minorUnits } from '../money/index.ts';
import {
  adjustmentKinds,
  customerOptional,
  documentTypes,
  naturalSide,
  taxable,
  type AdjustmentKind,
  type PostableType,
  type Side,
} from './types.ts';

export interface PostDocumentInput {
  type: PostableType;
  adjustmentKind?: AdjustmentKind;
  /** Only a rounding adjustment chooses its side; every other type has its natural side. */
  side?: Side;
  /** The receivable's object type (its custom fields are checked against it); keys the account mapping. */
  objectType?: string;
  number?: string;
  customerId?: string | null;
  bankAccountId?: string;
  currency: string;
  amount: string;
  taxAmount?: string;
  /** Base-currency units per unit of `currency`; looked up in the FX table when omitted. */
  fxRate?: string;
  rateType?: string;
  documentDate: string;
  postingDate?: string;
  valueDate?: string;
  dueDate?: string;
  orderRef?: string;
  deliveryRef?: string;
  reference?: string;
  description?: string;
  custom?: Record<string, unknown>;
  /**
   * An invoice relieves (reverses, partially or wholly) the estimates it bills, in the same transaction.
   * Omitted on an invoice with orderRef/deliveryRef: the open estimates with that reference are relieved
   * up to the invoice net amount, oldest first. `[]` relieves nothing.
   */
  relievesEstimates?: { estimateId: string; amount: string }[];
}

export function isDate(s: unknown): s is string {
  // year 0 is a valid JavaScript date but not a PostgreSQL one
  if (typeof s !== 'string' || !/^(?!0000)\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Pure checks of a posting request; every problem is reported with its pointer at once. */
export function validatePostInput(i: PostDocumentInput): FieldError[] {
  const e: FieldError[] = [];
  const units = minorUnits(i.currency);
  if (!documentTypes.includes(i.type))
    e.push({ pointer: '/type', reason: `must be one of ${documentTypes.join(', ')}` });
  if (units === undefined)
    e.push({
      pointer: '/currency',
      reason: `is not an ISO 4217 currency with minor units (got ${JSON.stringify(i.currency)})`,
    });
  const amountOk = isAmountText(i.amount) && dec(i.amount).gt(0);
  if (!amountOk)
    e.push({
      pointer: '/amount',
      reason: `must be greater than zero and ${amountLimitReason} (got ${JSON.stringify(i.amount)})`,
    });
  else if (units !== undefined && dec(i.amount).decimalPlaces() > units)
    e.push({ pointer: '/amount', reason: `has more decimals than ${i.currency} allows (${units})` });
  if (i.taxAmount !== undefined) {
    if (!taxable.has(i.type)) e.push({ pointer: '/taxAmount', reason: `is not allowed on a ${i.type}` });
    else if (!isAmountText(i.taxAmount))
      e.push({ pointer: '/taxAmount', reason: `must be zero or more and ${amountLimitReason}` });
    else if (amountOk && dec(i.taxAmount).gte(i.amount))
      e.push({ pointer: '/taxAmount', reason: 'must be less than amount (amount includes tax)' });
    else if (units !== undefined && dec(i.taxAmount).decimalPlaces() > units)
      e.push({ pointer: '/taxAmount', reason: `has more decimals than ${i.currency} allows (${units})` });
  }
  if (i.fxRate !== undefined && (!isRateText(i.fxRate) || dec(i.fxRate).lte(0)))
    e.push({
      pointer: '/fxRate',
      reason: 'must be a positive decimal string with at most 12 digits before the point and 12 after',
    });
  if (i.type === 'adjustment') {
    if (!i.adjustmentKind || !adjustmentKinds.includes(i.adjustmentKind))
      e.push({
        pointer: '/adjustmentKind',
        reason: `is required for an adjustment: one of ${adjustmentKinds.join(', ')}`,
      });
  } else if (i.adjustmentKind !== undefined) e.push({ pointer: '/adjustmentKind', reason: 'is only for adjustments' });
  if (i.side !== undefined && !(i.type === 'adjustment' && i.adjustmentKind === 'rounding'))
    e.push({
      pointer: '/side',
      reason: `is fixed for a ${i.type} (${naturalSide(i.type, i.adjustmentKind ?? null)}); only a rounding adjustment chooses it`,
    });
  if (!customerOptional.has(i.type) && !i.customerId)
    e.push({ pointer: '/customerId', reason: `is required for a ${i.type}` });
  if (i.bankAccountId && !['receipt', 'prepayment', 'refund'].includes(i.type))
    e.push({ pointer: '/bankAccountId', reason: `is only for receipts, prepayments and refunds` });
  for (const f of ['documentDate', 'postingDate', 'valueDate', 'dueDate'] as const)
    if (i[f] !== undefined && !isDate(i[f])) e.push({ pointer: `/${f}`, reason: 'must be a date YYYY-MM-DD' });
  if (i.documentDate === undefined) e.push({ pointer: '/documentDate', reason: 'is required' });
  else if (isDate(i.documentDate) && isDate(i.dueDate) && i.dueDate < i.documentDate)
    e.push({ pointer: '/dueDate', reason: `is before the document date ${i.documentDate}` });
  if (i.number !== undefined && !/^[\p{L}\p{N}][\p{L}\p{N} _./#-]{0,63}$/u.test(i.number))
    e.push({
      pointer: '/number',
      reason: 'must be 1-64 letters, digits or _ . / # - (starting with a letter or digit)',
    });
  if (i.relievesEstimates?.length) {
    if (i.type !== 'invoice') e.push({ pointer: '/relievesEstimates', reason: 'only an invoice relieves estimates' });
    i.relievesEstimates.forEach((r, k) => {
      if (!isAmountText(r.amount) || dec(r.amount).lte(0))
        e.push({
          pointer: `/relievesEstimates/${k}/amount`,
          reason: `must be greater than zero and ${amountLimitReason}`,
        });
    });
  }
  return e;
}

export function refuseInvalid(errors: FieldError[], what: string): void {
  if (errors.length)
    throw new HexiaoError(
      'invalid_data',
      `${what} is invalid: ${errors.map((x) => `${x.pointer} ${x.reason}`).join('; ')}`,
      { errors },
    );
}
