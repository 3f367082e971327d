import type { TenantCtx } from '../context.ts';
import { HexiaoError, invalid } from '../errors.ts';
import {
  accountByRole,
  describeDocument,
  relieve,
  VoucherBuilder,
  type LedgerDocument,
  type OpenItem,
  type ResolvedMapping,
  type SettlementLine,
  type VoucherDraft,
} from '../ledger/index.ts';
import { Decimal, dec, parsePositiveAmount, toBase } from '../money/index.ts';

export interface AllocationDoc {
  document: Pick<
    LedgerDocument,
    | 'id'
    | 'docType'
    | 'adjustmentKind'
    | 'number'
    | 'reversesId'
    | 'side'
    | 'currency'
    | 'fxRate'
    | 'clearingAccount'
    | 'customerId'
    | 'postingDate'
  >;
  open: OpenItem;
}

export interface AllocationLineInput {
  debitDocumentId: string;
  creditDocumentId: string;
  /** In the debit document's currency. */
  amount: string;
  /** In the credit document's currency; required when the two currencies differ. */
  creditAmount?: string;
}

export interface AllocationPlan {
  lines: SettlementLine[];
  /** Every touched open item after the allocation. */
  open: Map<string, OpenItem>;
  voucher: VoucherDraft | null;
  customerId: string | null;
}

const accountOf = (m: ResolvedMapping, code: string) => ({
  code,
  name: m.document.accounts.find((a) => a.code === code)?.name ?? code,
});

function parseAmount(text: string | undefined, currency: string, pointer: string): Decimal {
  return parsePositiveAmount(text, currency, pointer);
}

/**
 * Pure: allocates credit documents to debit documents of one customer. Each line relieves both open items
 * (never below zero) in their own currencies; the base amounts relieved come from each document's frozen
 * rate (the whole remaining base when the line clears it), and their difference is the realised FX gain
 * or loss. The voucher moves the base amounts between the two clearing accounts.
 */
export function planAllocation(
  tenant: TenantCtx,
  mapping: ResolvedMapping,
  docs: ReadonlyMap<string, AllocationDoc>,
  lines: AllocationLineInput[],
  head: {
    settlementId: string;
    postingDate: string;
    description?: string;
    /** A payer settling for its group: documents may belong to it or to a subsidiary in `group`, nothing else. */
    payer?: { customerId: string; name: string; group: ReadonlySet<string> };
  },
): AllocationPlan {
  if (lines.length === 0) throw invalid('/lines', 'must allocate at least one line');
  const open = new Map<string, OpenItem>();
  const current = (id: string) => open.get(id) ?? docs.get(id)!.open;
  let customerId: string | null = head.payer?.customerId ?? null;
  const out: SettlementLine[] = [];
  const names: string[] = [];
  const b = new VoucherBuilder({
    voucherDate: head.postingDate,
    sourceType: 'settlement',
    sourceId: head.settlementId,
    description: '',
    currency: tenant.baseCurrency,
    mappingKey: mapping.key,
    mappingVersion: mapping.version,
  });
  lines.forEach((l, i) => {
    const p = `/lines/${i}`;
    const dr = docs.get(l.debitDocumentId);
    const cr = docs.get(l.creditDocumentId);
    if (l.debitDocumentId === l.creditDocumentId)
      throw invalid(`${p}/creditDocumentId`, 'must differ from debitDocumentId');
    if (!dr) throw invalid(`${p}/debitDocumentId`, `is not a posted document of this tenant`);
    if (!cr) throw invalid(`${p}/creditDocumentId`, `is not a posted document of this tenant`);
    const drName = describeDocument(dr.document);
    const crName = describeDocument(cr.document);
    if (dr.document.docType === 'estimate')
      throw invalid(
        `${p}/debitDocumentId`,
        `${drName} is an estimate: only the invoice that bills it relieves it (money received before the invoice is a prepayment)`,
        drName,
      );
    if (cr.document.docType === 'estimate')
      throw invalid(`${p}/creditDocumentId`, `${crName} relieves only its estimate`, crName);
    if (dr.document.side !== 'debit') throw invalid(`${p}/debitDocumentId`, `${drName} is a credit document`, drName);
    if (cr.document.side !== 'credit') throw invalid(`${p}/creditDocumentId`, `${crName} is a debit document`, crName);
    for (const [d, ptr] of [
      [dr, 'debitDocumentId'],
      [cr, 'creditDocumentId'],
    ] as const) {
      if (head.postingDate < d.document.postingDate)
        throw invalid(
          '/postingDate',
          `${head.postingDate} is before the posting date of ${describeDocument(d.document)} (${d.document.postingDate})`,
        );
      const c = d.document.customerId;
      if (c === null) continue;
      if (head.payer) {
        if (!head.payer.group.has(c))
          throw invalid(
            `${p}/${ptr}`,
            `${describeDocument(d.document)} belongs to a customer outside the group of ${head.payer.name}`,
          );
        continue;
      }
      if (customerId !== null && c !== customerId)
        throw invalid(
          `${p}/${ptr}`,
          `${describeDocument(d.document)} belongs to another customer: a settlement covers documents of one customer`,
        );
      customerId = c;
    }
    const amount = parseAmount(l.amount, dr.document.currency, `${p}/amount`);
    let creditAmount = amount;
    if (dr.document.currency !== cr.document.currency) {
      if (l.creditAmount === undefined)
        throw invalid(
          `${p}/creditAmount`,
          `is required: ${drName} is in ${dr.document.currency}, ${crName} in ${cr.document.currency}`,
        );
      creditAmount = parseAmount(l.creditAmount, cr.document.currency, `${p}/creditAmount`);
    } else if (l.creditAmount !== undefined && !dec(l.creditAmount).eq(amount)) {
      throw invalid(`${p}/creditAmount`, `must equal amount when both documents are in ${dr.document.currency}`);
    }
    const drOpen = current(dr.document.id);
    const crOpen = current(cr.document.id);
    const baseOf = (o: OpenItem, a: Decimal, rate: string) =>
      a.eq(o.openAmount)
        ? dec(o.openBaseAmount)
        : Decimal.min(toBase(a, rate, tenant.baseCurrency, tenant.roundingMode), dec(o.openBaseAmount));
    const drBase = baseOf(drOpen, amount, dr.document.fxRate);
    const crBase = baseOf(crOpen, creditAmount, cr.document.fxRate);
    open.set(dr.document.id, relieve(drOpen, amount, drBase, 1, `${p}/amount`, drName));
    open.set(
      cr.document.id,
      relieve(
        crOpen,
        creditAmount,
        crBase,
        1,
        l.creditAmount === undefined ? `${p}/amount` : `${p}/creditAmount`,
        crName,
      ),
    );
    const diff = crBase.minus(drBase);
    out.push({
      lineNo: i + 1,
      debitDocumentId: dr.document.id,
      creditDocumentId: cr.document.id,
      sign: 1,
      debitAmount: amount.toFixed(),
      creditAmount: creditAmount.toFixed(),
      debitBaseAmount: drBase.toFixed(),
      creditBaseAmount: crBase.toFixed(),
      fxDifference: diff.toFixed(),
    });
    names.push(`${crName} → ${drName}`);
    b.debit(accountOf(mapping, cr.document.clearingAccount), crBase, {
      documentId: cr.document.id,
      customerId: cr.document.customerId,
      currency: cr.document.currency,
      amountCurrency: creditAmount,
    });
    b.credit(accountOf(mapping, dr.document.clearingAccount), drBase, {
      documentId: dr.document.id,
      customerId: dr.document.customerId,
      currency: dr.document.currency,
      amountCurrency: amount,
    });
    if (diff.gt(0)) b.credit(accountByRole(mapping, 'fx-gain'), diff, { memo: `realised FX gain ${drName}` });
    if (diff.lt(0)) b.debit(accountByRole(mapping, 'fx-loss'), diff.neg(), { memo: `realised FX loss ${drName}` });
  });
  const { debit } = b.totals();
  let voucher: VoucherDraft | null = null;
  if (debit.gt(0)) {
    const description =
      head.description ??
      `settlement: ${names.slice(0, 3).join('; ')}${names.length > 3 ? ` (+${names.length - 3})` : ''}`;
    voucher = { ...b.build(), description };
  }
  if (out.length === 0) throw new HexiaoError('invalid_data', 'nothing to allocate', { pointer: '/lines' });
  return { lines: out, open, voucher, customerId };
}

export interface ReverseSettlementInput {
  lines: SettlementLine[];
  docs: ReadonlyMap<string, AllocationDoc>;
  originalVoucher: Pick<VoucherDraft, 'lines' | 'currency'> | null;
}

/** Pure: the reversal's lines (sign -1) and the open items restored; its voucher mirrors the original's. */
export function planSettlementReversal(r: ReverseSettlementInput): {
  lines: SettlementLine[];
  open: Map<string, OpenItem>;
} {
  const open = new Map<string, OpenItem>();
  const current = (id: string) => open.get(id) ?? r.docs.get(id)!.open;
  const lines = r.lines.map((l, i) => {
    const dr = r.docs.get(l.debitDocumentId)!;
    const cr = r.docs.get(l.creditDocumentId)!;
    open.set(
      l.debitDocumentId,
      relieve(
        current(l.debitDocumentId),
        dec(l.debitAmount),
        dec(l.debitBaseAmount),
        -1,
        `/lines/${i}`,
        describeDocument(dr.document),
      ),
    );
    open.set(
      l.creditDocumentId,
      relieve(
        current(l.creditDocumentId),
        dec(l.creditAmount),
        dec(l.creditBaseAmount),
        -1,
        `/lines/${i}`,
        describeDocument(cr.document),
      ),
    );
    return { ...l, lineNo: i + 1, sign: -1 as const };
  });
  return { lines, open };
}
