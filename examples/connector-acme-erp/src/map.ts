import {
  DecimalJs,
  isCurrency,
  toDecimal,
  type InvoiceRecord,
  type ParseOutput,
  type Party,
  type Position,
} from '@hexiao/plugins/sdk';
import type { AcmeCompany, AcmeInvoice } from './export-format.ts';

/** A mapping failure that becomes a rejection naming the field. */
export class AcmeFieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function amount(raw: unknown, field: string): string {
  if (typeof raw !== 'string') throw new AcmeFieldError(field, `expected a decimal string, got ${JSON.stringify(raw)}`);
  try {
    return toDecimal(raw);
  } catch (e) {
    throw new AcmeFieldError(field, (e as Error).message);
  }
}

function date(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || !isoDate.test(raw))
    throw new AcmeFieldError(field, `"${String(raw)}" is not a YYYY-MM-DD date`);
  return raw;
}

const sum = (xs: string[]) => xs.reduce((s, x) => s.plus(x), new DecimalJs(0));

/** Maps one ACME invoice to the canonical InvoiceRecord, checking its arithmetic. */
export function mapAcmeInvoice(inv: AcmeInvoice, company: AcmeCompany, position: Position): ParseOutput {
  const reject = (field: string, reason: string): ParseOutput => ({
    rejected: { position, field, reason: `invoice ${inv.no}: ${reason}` },
  });
  if (!inv.no) return reject('number', 'no invoice number ("no")');
  if (inv.kind !== 'INV' && inv.kind !== 'CRN')
    return reject('typeCode', `unknown kind "${String(inv.kind)}" (INV or CRN)`);
  if (!isCurrency(inv.currency)) return reject('currency', `unknown currency "${inv.currency}"`);

  const lines = (inv.lines ?? []).map((l, i) => ({
    id: String(l.pos ?? i + 1),
    description: l.text,
    quantity: l.qty === undefined ? undefined : amount(l.qty, `lines[${i}].quantity`),
    unitCode: l.unit,
    unitPrice: l.price === undefined ? undefined : amount(l.price, `lines[${i}].unitPrice`),
    netAmount: amount(l.net, `lines[${i}].netAmount`),
    taxRate: l.vatRate === undefined ? undefined : amount(l.vatRate, `lines[${i}].taxRate`),
  }));
  const taxes = (inv.vat ?? []).map((v, i) => ({
    category: v.category ?? (new DecimalJs(amount(v.rate, `taxes[${i}].rate`)).isZero() ? 'Z' : 'S'),
    rate: amount(v.rate, `taxes[${i}].rate`),
    taxableAmount: amount(v.base, `taxes[${i}].taxableAmount`),
    taxAmount: amount(v.amount, `taxes[${i}].taxAmount`),
    exemptionReason: v.reason,
  }));
  const net = amount(inv.totals?.net, 'totals.net');
  const tax = amount(inv.totals?.tax, 'totals.tax');
  const gross = amount(inv.totals?.gross, 'totals.gross');
  const paid = amount(inv.totals?.paid ?? '0', 'totals.paid');

  const lineSum = sum(lines.map((l) => l.netAmount));
  if (!lineSum.eq(net))
    return reject('totals.lineTotal', `lines add up to ${lineSum.toFixed()}, the export says net ${net}`);
  const taxSum = sum(taxes.map((t) => t.taxAmount));
  if (!taxSum.eq(tax))
    return reject('totals.tax', `VAT breakdown adds up to ${taxSum.toFixed()}, the export says ${tax}`);
  if (!new DecimalJs(net).plus(tax).eq(gross))
    return reject('totals.taxInclusive', `net ${net} + tax ${tax} ≠ gross ${gross}`);
  const payable = new DecimalJs(gross).minus(paid);
  if (payable.isNegative()) return reject('totals.payable', `paid ${paid} exceeds gross ${gross}`);

  const documentKind = inv.kind === 'CRN' ? 'credit-note' : 'invoice';
  const seller: Party = { name: company.name, taxId: company.vatId, gln: company.gln };
  const buyer: Party = {
    name: inv.customer?.name,
    taxId: inv.customer?.vatId,
    gln: inv.customer?.gln,
    ids: inv.customer?.number ? [`acme:${inv.customer.number}`] : undefined,
  };
  const record: InvoiceRecord = {
    type: 'invoice',
    documentKind,
    typeCode: inv.kind === 'CRN' ? '381' : '380',
    sourceKey: `${company.vatId ?? company.name}|${inv.no}|${documentKind}`,
    number: inv.no,
    issueDate: date(inv.date, 'issueDate'),
    dueDate: inv.due === undefined ? undefined : date(inv.due, 'dueDate'),
    currency: inv.currency,
    seller,
    buyer,
    lines,
    allowancesCharges: [],
    taxes,
    totals: {
      lineTotal: net,
      taxExclusive: net,
      tax,
      taxInclusive: gross,
      prepaid: paid === '0' ? undefined : paid,
      payable: payable.toFixed(),
    },
    paymentTerms: inv.terms,
    paymentMeans: company.iban
      ? { code: '58', paymentId: inv.no, accounts: [{ iban: company.iban, bic: company.bic }] }
      : undefined,
    orderReference: inv.orderRef,
    precedingInvoices: inv.refersTo?.map((r) => ({ number: r.no, issueDate: r.date })),
    position,
  };
  return JSON.parse(JSON.stringify(record)) as InvoiceRecord; // drops undefined fields
}
