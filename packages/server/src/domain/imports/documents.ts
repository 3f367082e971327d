import type { InvoiceRecord, OrderRecord } from '@hexiao/plugins/sdk';
import type { Db, Executor } from '../../store/db.ts';
import { existingSourceKeys, tenantTaxIds, type ImportDocumentLink } from '../../store/repos/imports.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { createBuyers, findBuyers, norm, partyIds } from './buyers.ts';
import type { CustomerInput } from '../customers/index.ts';
import { isCurrency, roundMoney } from '../money/index.ts';
import { postDocuments, type PostDocumentInput, type PostedDocument } from '../ledger/index.ts';
import type { ReportTally } from './report.ts';
import { applyCreditNotes } from './credit-notes.ts';
import { mapFields } from './field-mapping.ts';
import type { ResolvedImportConfig } from './resolve-config.ts';

export interface ReadDocument {
  record: InvoiceRecord | OrderRecord;
  fileId: string;
  file: string;
}

/** An estimate is booked at the currency's minor units (tenant rounding mode): order lines may carry more decimals. */
const estimateAmount = (r: OrderRecord, ctx: ActionCtx) =>
  isCurrency(r.currency) ? roundMoney(r.totalAmount, r.currency, ctx.tenant.roundingMode).toFixed() : r.totalAmount;

function postingOf(r: InvoiceRecord | OrderRecord, customerId: string, ctx: ActionCtx): PostDocumentInput {
  if (r.type === 'order') {
    const documentDate = r.orderKind === 'delivery' && r.shipmentDate ? r.shipmentDate : r.orderDate;
    return {
      type: 'estimate',
      customerId,
      currency: r.currency,
      amount: estimateAmount(r, ctx),
      documentDate,
      ...(r.orderKind === 'delivery' ? { deliveryRef: r.number.slice(0, 64) } : { orderRef: r.number.slice(0, 64) }),
      // a requested delivery before the order's own date is no due date (the ledger refuses one)
      ...(r.requestedDeliveryDate && r.requestedDeliveryDate >= documentDate
        ? { dueDate: r.requestedDeliveryDate }
        : {}),
      description: `${r.orderKind} ${r.number}`.slice(0, 500),
    };
  }
  const tax = r.totals.tax;
  const withTax = Number(tax) > 0 && Number(tax) < Number(r.totals.payable);
  return {
    type: r.documentKind === 'credit-note' ? 'credit-note' : 'invoice',
    customerId,
    number: r.number,
    currency: r.currency,
    amount: r.totals.payable,
    ...(withTax ? { taxAmount: tax } : {}),
    documentDate: r.issueDate,
    ...(r.dueDate ? { dueDate: r.dueDate } : {}),
    ...(r.orderReference ? { orderRef: r.orderReference.slice(0, 64) } : {}),
    ...(r.precedingInvoices?.length
      ? { reference: `credits ${r.precedingInvoices.map((p) => p.number).join(', ')}`.slice(0, 200) }
      : r.buyerReference
        ? { reference: r.buyerReference.slice(0, 200) }
        : {}),
  };
}

/**
 * Invoices and credit notes become financial receivables and credit documents, orders and deliveries
 * estimated receivables: each once per source key, for a seller that is the tenant and a buyer found or
 * created as the config says. A document the ledger refuses is a rejected record with the ledger's reason.
 */
export async function importDocuments(
  deps: DomainDeps,
  ctx: ActionCtx,
  tx: Executor,
  docs: ReadDocument[],
  cfg: ResolvedImportConfig,
  tally: ReportTally,
  links: ImportDocumentLink[],
): Promise<void> {
  if (!docs.length) return;
  const existing = new Map<string, Set<string>>();
  for (const t of ['invoice', 'order'] as const)
    existing.set(
      t,
      await existingSourceKeys(
        tx,
        ctx.tenant.id,
        t,
        docs.filter((d) => d.record.type === t).map((d) => d.record.sourceKey),
      ),
    );
  const sellers = new Set((cfg.options.sellerTaxIds ?? (await tenantTaxIds(tx, ctx.tenant.id))).map(norm));
  const refuse = (d: ReadDocument, reason: string) =>
    tally.refuseRead({
      file: d.file,
      position: d.record.position,
      reason: `${d.record.type} ${d.record.number}: ${reason}`,
    });
  const todo: ReadDocument[] = [];
  const seen = new Set<string>();
  for (const d of docs) {
    const r = d.record;
    if (existing.get(r.type)!.has(r.sourceKey) || seen.has(`${r.type}|${r.sourceKey}`)) continue;
    seen.add(`${r.type}|${r.sourceKey}`);
    if (r.type === 'invoice' && !sellers.size)
      refuse(
        d,
        'no seller tax id is configured for this tenant (options.sellerTaxIds of the connector-config, or tenant setting taxIds)',
      );
    else if (r.type === 'invoice' && !partyIds(r.seller).some((id) => sellers.has(id)))
      refuse(
        d,
        `seller ${r.seller.name ?? ''} (${r.seller.taxId ?? r.seller.legalId ?? 'no tax id'}) is not this tenant`,
      );
    else todo.push(d);
  }
  const buyers = await findBuyers(
    ctx,
    tx,
    todo.map((d) => d.record.buyer),
    cfg.options.unknownBuyer === 'create',
  );
  const ready: { d: ReadDocument; buyer: { id: string } | { create: CustomerInput } }[] = [];
  todo.forEach((d, i) => {
    const b = buyers[i]!;
    if ('reason' in b) return refuse(d, b.reason);
    ready.push({ d, buyer: b });
  });
  const ledger = { ...deps, db: tx as Db };
  const creditNotes: { record: InvoiceRecord; document: PostedDocument['document'] }[] = [];
  const done = ({ d }: { d: ReadDocument }, posted: PostedDocument) => {
    const r = d.record;
    if (r.type === 'invoice' && r.documentKind === 'credit-note' && r.precedingInvoices?.length)
      creditNotes.push({ record: r, document: posted.document });
    links.push({
      sourceType: r.type,
      sourceKey: r.sourceKey,
      role: 'document',
      documentId: posted.document.id,
      fileId: d.fileId,
      position: r.position,
    });
    tally.created(
      r.currency,
      r.type === 'invoice' && r.documentKind === 'credit-note' ? 'credit' : 'debit',
      1,
      posted.document.amount,
    );
    tally.report.documents.created++;
  };
  // buyers created so far, each in the savepoint of a document that was accepted
  const createdBuyers = new Map<string, string>();
  const post = (chunk: typeof ready) =>
    (tx as Db).transaction(async (sp) => {
      const made = await createBuyers(
        deps,
        ctx,
        sp,
        chunk.flatMap((x) => ('create' in x.buyer ? [x.buyer.create] : [])),
        createdBuyers,
      );
      const inputs = chunk.map(({ d, buyer }) => {
        const customerId =
          'id' in buyer ? buyer.id : (createdBuyers.get(buyer.create.code) ?? made.get(buyer.create.code)!);
        const custom = mapFields(cfg.mapping?.receivable, d.record);
        return { ...postingOf(d.record, customerId, ctx), ...(custom ? { custom } : {}) };
      });
      const posted = await postDocuments({ ...deps, db: sp }, ctx, inputs);
      return { posted, made };
    });
  const accepted = (chunk: typeof ready, r: Awaited<ReturnType<typeof post>>) => {
    r.made.forEach((id, code) => createdBuyers.set(code, id));
    tally.report.documents.customersCreated += r.made.size;
    chunk.forEach((x, k) => done(x, r.posted[k]!));
  };
  for (let i = 0; i < ready.length; i += 1000) {
    const chunk = ready.slice(i, i + 1000);
    // the chunk in one savepoint; when the ledger refuses any document of it, each is posted on its own,
    // so a refused document takes back the buyer it would have created
    try {
      accepted(chunk, await post(chunk));
      continue;
    } catch (e) {
      if (!(e instanceof HexiaoError)) throw e;
    }
    for (const x of chunk) {
      try {
        accepted([x], await post([x]));
      } catch (e) {
        if (!(e instanceof HexiaoError)) throw e;
        refuse(x.d, `refused by the ledger: ${e.message}`);
      }
    }
  }
  const applied = await applyCreditNotes(ledger, ctx, creditNotes);
  tally.report.documents.creditNotesApplied = (tally.report.documents.creditNotesApplied ?? 0) + applied.applied;
  tally.report.warnings.push(...applied.warnings);
}
