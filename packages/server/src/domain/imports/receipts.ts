import { Decimal } from '@hexiao/dsl';
import type { Db, Executor } from '../../store/db.ts';
import {
  findOriginalReceipt,
  newCreditLines,
  newReversalLines,
  type NewCreditLine,
} from '../../store/repos/bank-lines.ts';
import type { ImportDocumentLink } from '../../store/repos/imports.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { mapFields, type FieldMapping } from './field-mapping.ts';
import {
  postDocument,
  postDocuments,
  reverseDocument,
  type PostDocumentInput,
  type PostedDocument,
} from '../ledger/index.ts';
import type { ReportTally } from './report.ts';

const receiptBatch = 2000;
const clip = (s: string | null, n: number) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s) ?? undefined;

/**
 * Posts a receipt for every credit line this import created (customer found by payer bank account when
 * exactly one matches, else unidentified cash), then reverses the receipt a returned line refers to.
 * A receipt the ledger refuses (no FX rate, closed period…) leaves its bank line stored, with a warning.
 */
export async function postReceipts(
  deps: DomainDeps,
  ctx: ActionCtx,
  tx: Executor,
  importId: string,
  tally: ReportTally,
  links: ImportDocumentLink[],
  mapping?: FieldMapping,
): Promise<void> {
  const ledger = { ...deps, db: tx as Db };
  await postCreditLines(ledger, ctx, await newCreditLines(tx, ctx.tenant.id, importId, false), tally, links, mapping);
  await reverseReturnedReceipts(ledger, ctx, tx, importId, tally, links);
}

/**
 * Every bank credit becomes a receipt: credits of earlier imports whose receipt the ledger refused then (most
 * often a foreign currency without a rate) are posted again by each import, and the report says how many were.
 */
export async function postWaitingReceipts(
  deps: DomainDeps,
  ctx: ActionCtx,
  tx: Executor,
  importId: string,
  tally: ReportTally,
  links: ImportDocumentLink[],
): Promise<void> {
  const lines = await newCreditLines(tx, ctx.tenant.id, importId, false, true);
  if (!lines.length) return;
  const r = tally.report.receipts;
  const left = await postCreditLines({ ...deps, db: tx as Db }, ctx, lines, tally, links, undefined, true);
  if (r.postedLater)
    tally.report.warnings.push(
      `${r.postedLater} bank credit${r.postedLater === 1 ? '' : 's'} of earlier imports posted as receipts now (the ledger could not book them before, e.g. for want of an exchange rate)`,
    );
  if (left.length)
    tally.report.warnings.push(
      `${left.length} bank credit${left.length === 1 ? '' : 's'} of earlier imports still wait for a receipt; the first: bank line ${left[0]!.line}: ${left[0]!.reason}`,
    );
}

/** Posts receipts for credit lines (batches, then one by one when the ledger refuses one); returns the lines it could not post. */
async function postCreditLines(
  ledger: DomainDeps & { db: Db },
  ctx: ActionCtx,
  lines: NewCreditLine[],
  tally: ReportTally,
  links: ImportDocumentLink[],
  mapping: FieldMapping | undefined,
  later = false,
): Promise<{ line: string; reason: string }[]> {
  const r = tally.report.receipts;
  const left: { line: string; reason: string }[] = [];
  // the bank line as mapping expressions see it (camelCase, as in the canonical bank-line record)
  const customOf = (l: NewCreditLine) => {
    const custom = mapFields(mapping, {
      amount: l.amount,
      currency: l.currency,
      bookingDate: l.booking_date,
      valueDate: l.value_date,
      endToEndId: l.end_to_end_id,
      creditorReference: l.creditor_reference,
      remittance: l.remittance,
      counterpartyName: l.counterparty_name,
    });
    return custom ? { custom } : {};
  };
  const receiptOf = (l: NewCreditLine): PostDocumentInput => ({
    ...customOf(l),
    type: 'receipt',
    customerId: l.customer_id,
    ...(l.bank_account_id ? { bankAccountId: l.bank_account_id } : {}),
    currency: l.currency,
    // the cash that arrived: the gross less the payment service's fee, which becomes a bank-fee adjustment
    amount: new Decimal(l.amount).minus(feeOf(l)).toFixed(),
    documentDate: l.booking_date,
    ...(l.value_date ? { valueDate: l.value_date } : {}),
    ...(l.end_to_end_id || l.creditor_reference
      ? { reference: clip(l.creditor_reference ?? l.end_to_end_id, 200) }
      : {}),
    ...(l.remittance || l.counterparty_name
      ? { description: clip([l.counterparty_name, l.remittance].filter(Boolean).join(': '), 500) }
      : {}),
  });
  const fees: { line: NewCreditLine; fee: Decimal }[] = [];
  const posted = (l: NewCreditLine, doc: PostedDocument) => {
    if (feeOf(l).gt(0)) fees.push({ line: l, fee: feeOf(l) });
    links.push({
      sourceType: 'bank-line',
      sourceKey: l.source_key,
      role: 'receipt',
      documentId: doc.document.id,
      fileId: l.file_id,
      position: { index: l.pos_index },
    });
    if (later) r.postedLater = (r.postedLater ?? 0) + 1;
    else {
      r.posted++;
      if (!l.customer_id) r.unidentified++;
    }
  };
  for (let i = 0; i < lines.length; i += receiptBatch) {
    const chunk = lines.slice(i, i + receiptBatch);
    // fast path: the ledger's batch posting (one savepoint, multi-row writes); if the ledger refuses any
    // document of the chunk, each is posted on its own so one refusal does not hold back the others
    try {
      const docs = await postDocuments(ledger, ctx, chunk.map(receiptOf));
      chunk.forEach((l, k) => posted(l, docs[k]!));
      continue;
    } catch (e) {
      if (!(e instanceof HexiaoError)) throw e;
    }
    for (const l of chunk) {
      try {
        posted(l, await postDocument(ledger, ctx, receiptOf(l)));
      } catch (e) {
        if (!(e instanceof HexiaoError)) throw e;
        left.push({ line: l.source_key, reason: e.message });
        if (later) continue;
        r.notPosted++;
        if (r.notPosted <= 50)
          tally.report.warnings.push(
            `bank line ${l.source_key}: kept as a bank line, receipt not posted: ${e.message}`,
          );
      }
    }
  }
  await postFeeAdjustments(ledger, ctx, fees, tally);
  return left;
}

/** Returns and reversals of this import reverse the receipt of the line they return. */
async function reverseReturnedReceipts(
  ledger: DomainDeps & { db: Db },
  ctx: ActionCtx,
  tx: Executor,
  importId: string,
  tally: ReportTally,
  links: ImportDocumentLink[],
): Promise<void> {
  const r = tally.report.receipts;
  for (const l of await newReversalLines(tx, ctx.tenant.id, importId)) {
    const ri = l.extra?.returnInfo;
    const original = await findOriginalReceipt(tx, ctx.tenant.id, {
      endToEndId: ri?.originalEndToEndId ?? l.end_to_end_id,
      bankReference: ri?.originalReference ?? null,
      amount: l.amount,
      currency: l.currency,
    });
    if (!original) continue;
    try {
      const rev = await reverseDocument(ledger, ctx, {
        documentId: original.document_id,
        reason: `returned by the bank (line ${l.source_key}${ri?.reason ? `, ${ri.reason}` : ''})`,
        postingDate: l.booking_date,
      });
      links.push({
        sourceType: 'bank-line',
        sourceKey: original.source_key,
        role: 'reversal',
        documentId: rev.reversal.id,
        fileId: l.file_id,
        position: { index: l.pos_index },
      });
      r.reversed++;
    } catch (e) {
      if (!(e instanceof HexiaoError)) throw e;
      tally.report.warnings.push(
        `bank line ${l.source_key}: return of ${original.source_key} not reversed: ${e.message}`,
      );
    }
  }
}

/** The fee a payment service took from a line, in the line's currency (0 when none, or when it is not below the gross). */
function feeOf(l: NewCreditLine): Decimal {
  const fee = (l.charges ?? [])
    .filter((c) => c.currency === l.currency)
    .reduce((sum, c) => sum.plus(new Decimal(c.amount).abs()), new Decimal(0));
  return fee.lt(new Decimal(l.amount)) ? fee : new Decimal(0);
}

/**
 * A payment-service fee is a bank-fee adjustment on the payer's account: with the net receipt it clears the
 * gross the customer paid. When the payer is not identified yet, the fee waits on the bank line.
 */
async function postFeeAdjustments(
  ledger: DomainDeps & { db: Db },
  ctx: ActionCtx,
  fees: { line: NewCreditLine; fee: Decimal }[],
  tally: ReportTally,
): Promise<void> {
  const r = tally.report.receipts;
  for (const { line, fee } of fees) {
    if (!line.customer_id) {
      r.feesPending = (r.feesPending ?? 0) + 1;
      continue;
    }
    try {
      await postDocument(ledger, ctx, {
        type: 'adjustment',
        adjustmentKind: 'bank-fee',
        customerId: line.customer_id,
        currency: line.currency,
        amount: fee.toFixed(),
        documentDate: line.booking_date,
        reference: clip(`fee on bank line ${line.source_key}`, 200),
      });
      r.feeAdjustments = (r.feeAdjustments ?? 0) + 1;
    } catch (e) {
      if (!(e instanceof HexiaoError)) throw e;
      tally.report.warnings.push(
        `bank line ${line.source_key}: fee ${fee.toFixed()} ${line.currency} not posted: ${e.message}`,
      );
    }
  }
}
