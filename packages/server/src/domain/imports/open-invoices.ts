import type { OpenInvoiceRecord } from '@hexiao/plugins/sdk';
import type { Db, Executor } from '../../store/db.ts';
import { documentsByNumbers } from '../../store/repos/documents.ts';
import type { ImportDocumentLink } from '../../store/repos/imports.ts';
import type { ActionCtx } from '../context.ts';
import { customerRefsByCodes } from '../customers/index.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { actorPermissions } from '../identity/index.ts';
import { postDocument, postDocuments, type PostDocumentInput, type PostedDocument } from '../ledger/index.ts';
import { dec } from '../money/index.ts';
import { allocate } from '../settlement/index.ts';
import type { ReportTally } from './report.ts';

export interface ReadOpenInvoice {
  record: OpenInvoiceRecord;
  fileId: string;
  file: string;
}

interface Ready {
  item: ReadOpenInvoice;
  invoice: PostDocumentInput;
  /** The part already paid in the old system. */
  paid?: string;
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Open items from an ERP export become invoices of the customers they name (by code), once per invoice number.
 * An invoice only partly open is booked in full and the rest is an `opening-balance` adjustment at the invoice's
 * own rate, settled against it, so exactly the open amount stays open. Each invoice with its settlement is booked
 * whole or not at all; what the ledger refuses (no rate, a closed period…) is a rejection with its reason.
 */
export async function importOpenInvoices(
  deps: DomainDeps,
  ctx: ActionCtx,
  tx: Executor,
  items: ReadOpenInvoice[],
  tally: ReportTally,
  links: ImportDocumentLink[],
): Promise<void> {
  if (!items.length) return;
  if (!actorPermissions(ctx.actor).has('receivable.write'))
    throw new HexiaoError('not_allowed', 'importing invoices needs the receivable.write permission');
  const db = tx as Db;
  const refuse = (x: ReadOpenInvoice, reason: string) =>
    tally.refuseRead({ file: x.file, position: x.record.position, reason: `invoice ${x.record.number}: ${reason}` });
  const customers = await customerRefsByCodes(
    db,
    ctx.tenant.id,
    items.map((x) => x.record.customerCode),
  );
  const booked = await documentsByNumbers(
    db,
    ctx.tenant.id,
    'invoice',
    items.map((x) => x.record.number),
  );
  const seen = new Map<string, OpenInvoiceRecord>();
  const ready: Ready[] = [];
  for (const x of items) {
    const r = x.record;
    const customer = customers.get(r.customerCode);
    const same = (o: { currency: string; amount: string }) => o.currency === r.currency && dec(o.amount).eq(r.amount);
    const earlier = seen.get(r.number) ?? booked.get(r.number);
    if (earlier) {
      const other =
        'customerId' in earlier ? earlier.customerId === customer?.id : earlier.customerCode === r.customerCode;
      if (!same(earlier) || !other)
        refuse(
          x,
          `invoice number ${r.number} is already booked with ${dec(earlier.amount).toFixed()} ${earlier.currency}${other ? '' : ' for another customer'}`,
        );
      continue; // the same invoice again: a duplicate, nothing to do
    }
    seen.set(r.number, r);
    if (!customer) {
      refuse(x, `customer ${r.customerCode} is not a customer (import the customers first)`);
      continue;
    }
    const terms = r.paymentTermsDays ?? customer.paymentTermsDays ?? undefined;
    const dueDate = r.dueDate ?? (terms !== undefined ? addDays(r.issueDate, terms) : undefined);
    const paid = r.openAmount !== undefined ? dec(r.amount).minus(r.openAmount) : undefined;
    ready.push({
      item: x,
      invoice: {
        type: 'invoice',
        customerId: customer.id,
        number: r.number,
        currency: r.currency,
        amount: r.amount,
        documentDate: r.issueDate,
        ...(dueDate ? { dueDate } : {}),
        ...(r.fxRate !== undefined ? { fxRate: r.fxRate } : {}),
        ...(r.orderReference ? { orderRef: r.orderReference.slice(0, 64) } : {}),
        ...(r.reference ? { reference: r.reference.slice(0, 200) } : {}),
      },
      ...(paid?.gt(0) ? { paid: paid.toFixed() } : {}),
    });
  }
  const done = (x: Ready, invoice: PostedDocument, opening?: PostedDocument) => {
    const r = x.item.record;
    links.push({
      sourceType: 'open-invoice',
      sourceKey: r.sourceKey,
      role: 'document',
      documentId: invoice.document.id,
      fileId: x.item.fileId,
      position: r.position,
    });
    if (opening) {
      links.push({
        sourceType: 'open-invoice',
        sourceKey: r.sourceKey,
        role: 'opening-balance',
        documentId: opening.document.id,
        fileId: x.item.fileId,
        position: r.position,
      });
      tally.report.documents.openingSettlements = (tally.report.documents.openingSettlements ?? 0) + 1;
    }
    tally.created(r.currency, 'debit', 1, invoice.document.amount);
    tally.report.documents.created++;
  };
  for (let i = 0; i < ready.length; i += 1000) {
    const chunk = ready.slice(i, i + 1000);
    // the whole chunk in one savepoint through the ledger's batch posting; when the ledger refuses anything of
    // it, each invoice (with its settlement) is booked in its own savepoint so one refusal holds back no other
    try {
      const posted = await db.transaction((sp) => book({ ...deps, db: sp as Db }, ctx, chunk));
      posted.forEach((p, k) => done(chunk[k]!, p.invoice, p.opening));
      continue;
    } catch (e) {
      if (!(e instanceof HexiaoError)) throw e;
    }
    for (const x of chunk)
      try {
        const [p] = await db.transaction((sp) => book({ ...deps, db: sp as Db }, ctx, [x]));
        done(x, p!.invoice, p!.opening);
      } catch (e) {
        if (!(e instanceof HexiaoError)) throw e;
        refuse(x.item, `refused by the ledger: ${e.message}`);
      }
  }
}

/** Posts the invoices, the opening-balance adjustments at each invoice's frozen rate, and settles each pair. */
async function book(
  deps: DomainDeps & { db: Db },
  ctx: ActionCtx,
  chunk: Ready[],
): Promise<{ invoice: PostedDocument; opening?: PostedDocument }[]> {
  // one document on its own, so the ledger's reasons point at its fields (/fxRate), not into a batch
  const post = async (inputs: PostDocumentInput[]) =>
    inputs.length === 1 ? [await postDocument(deps, ctx, inputs[0]!)] : postDocuments(deps, ctx, inputs);
  const invoices = await post(chunk.map((x) => x.invoice));
  const partial = chunk.flatMap((x, k) => (x.paid ? [{ x, invoice: invoices[k]!.document }] : []));
  const openings = await post(
    partial.map(({ x, invoice }) => ({
      type: 'adjustment',
      adjustmentKind: 'opening-balance',
      customerId: invoice.customerId,
      currency: invoice.currency,
      amount: x.paid!,
      fxRate: invoice.fxRate,
      documentDate: invoice.documentDate,
      postingDate: invoice.postingDate,
      reference: `paid before the import: invoice ${invoice.number}`.slice(0, 200),
    })),
  );
  const byInvoice = new Map<string, PostedDocument>();
  for (const [k, { x, invoice }] of partial.entries()) {
    const opening = openings[k]!;
    await allocate(deps, ctx, {
      postingDate: invoice.postingDate,
      lines: [{ debitDocumentId: invoice.id, creditDocumentId: opening.document.id, amount: x.paid! }],
      reason: `invoice ${invoice.number} brought over with ${x.item.record.openAmount} open`,
    });
    byInvoice.set(invoice.id, opening);
  }
  return invoices.map((invoice) => ({ invoice, opening: byInvoice.get(invoice.document.id) }));
}
