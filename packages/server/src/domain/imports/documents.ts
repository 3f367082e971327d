import { createHash } from 'node:crypto';
import type { InvoiceRecord, OrderRecord, Party } from '@hexiao/plugins/sdk';
import type { Db, Executor } from '../../store/db.ts';
import { existingSourceKeys, findCustomerByIds, tenantTaxIds, type ImportDocumentLink } from '../../store/repos/imports.ts';
import type { ActionCtx } from '../context.ts';
import { createCustomers } from '../customers/index.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { isCurrency, roundMoney } from '../money/index.ts';
import { postDocument, type PostDocumentInput } from '../ledger/index.ts';
import type { ReportTally } from './report.ts';
import type { ResolvedImportConfig } from './resolve-config.ts';

export interface ReadDocument {
  record: InvoiceRecord | OrderRecord;
  fileId: string;
  file: string;
}

const norm = (s?: string) => s?.replace(/[\s.-]/g, '').toUpperCase() || undefined;
const peppol = (p: Party) => (p.endpointId && /^[0-9]{4}:\S{1,100}$/.test(p.endpointId) ? p.endpointId : undefined);
const gln = (p: Party) => (p.gln && /^[0-9]{13}$/.test(p.gln) ? p.gln : undefined);
const partyIds = (p: Party) => [p.taxId, p.legalId, ...(p.ids ?? []).map((x) => x.split(':').pop())].map(norm).filter((x): x is string => !!x);

/** Finds the buyer by tax id, Peppol endpoint id or GLN (or by the customer code the import gave it); creates it when the config says. */
async function buyerOf(deps: DomainDeps, ctx: ActionCtx, tx: Executor, p: Party, cfg: ResolvedImportConfig, tally: ReportTally, memo: Map<string, string>): Promise<string | string[]> {
  const ident = norm(p.taxId) ?? peppol(p) ?? gln(p) ?? partyIds(p)[0] ?? norm(p.name);
  if (!ident) return ['buyer has no tax id, Peppol endpoint id, GLN or name to find it by'];
  const code = `IMP-${createHash('sha256').update(ident).digest('hex').slice(0, 12).toUpperCase()}`;
  const hit = memo.get(code);
  if (hit) return hit;
  const found = await findCustomerByIds(tx, ctx.tenant.id, { taxId: norm(p.taxId), peppolId: peppol(p), gln: gln(p), code });
  if (found) return memo.set(code, found), found;
  if (cfg.options.unknownBuyer === 'reject') return [`buyer ${p.name ?? ident} is not a customer (tax id ${p.taxId ?? '-'}, endpoint ${p.endpointId ?? '-'}, GLN ${p.gln ?? '-'}) and the connector-config says unknownBuyer: reject`];
  const taxId = p.taxId && p.taxId.trim().length >= 2 ? p.taxId.trim().slice(0, 40) : undefined;
  const [c] = await createCustomers({ ...deps, db: tx as Db }, ctx, [
    { code, name: (p.name ?? ident).slice(0, 300), ...(taxId ? { taxId } : {}), ...(peppol(p) ? { peppolId: peppol(p) } : {}), ...(gln(p) ? { gln: gln(p) } : {}) },
  ]);
  tally.report.documents.customersCreated++;
  memo.set(code, c!.id);
  return c!.id;
}

/** An estimate is booked at the currency's minor units (tenant rounding mode): order lines may carry more decimals. */
const estimateAmount = (r: OrderRecord, ctx: ActionCtx) => (isCurrency(r.currency) ? roundMoney(r.totalAmount, r.currency, ctx.tenant.roundingMode).toFixed() : r.totalAmount);

function postingOf(r: InvoiceRecord | OrderRecord, customerId: string, ctx: ActionCtx): PostDocumentInput {
  if (r.type === 'order')
    return {
      type: 'estimate', customerId, currency: r.currency, amount: estimateAmount(r, ctx), documentDate: r.orderKind === 'delivery' && r.shipmentDate ? r.shipmentDate : r.orderDate,
      ...(r.orderKind === 'delivery' ? { deliveryRef: r.number.slice(0, 64) } : { orderRef: r.number.slice(0, 64) }),
      ...(r.requestedDeliveryDate ? { dueDate: r.requestedDeliveryDate } : {}), description: `${r.orderKind} ${r.number}`.slice(0, 500),
    };
  const tax = r.totals.tax;
  const withTax = Number(tax) > 0 && Number(tax) < Number(r.totals.payable);
  return {
    type: r.documentKind === 'credit-note' ? 'credit-note' : 'invoice', customerId, number: r.number, currency: r.currency, amount: r.totals.payable,
    ...(withTax ? { taxAmount: tax } : {}), documentDate: r.issueDate, ...(r.dueDate ? { dueDate: r.dueDate } : {}),
    ...(r.orderReference ? { orderRef: r.orderReference.slice(0, 64) } : {}),
    ...(r.precedingInvoices?.length ? { reference: `credits ${r.precedingInvoices.map((p) => p.number).join(', ')}`.slice(0, 200) } : r.buyerReference ? { reference: r.buyerReference.slice(0, 200) } : {}),
  };
}

/**
 * Invoices and credit notes become financial receivables and credit documents, orders and deliveries
 * estimated receivables: each once per source key, for a seller that is the tenant and a buyer found or
 * created as the config says. A document the ledger refuses is a rejected record with the ledger's reason.
 */
export async function importDocuments(deps: DomainDeps, ctx: ActionCtx, tx: Executor, docs: ReadDocument[], cfg: ResolvedImportConfig, tally: ReportTally, links: ImportDocumentLink[]): Promise<void> {
  if (!docs.length) return;
  const existing = new Map<string, Set<string>>();
  for (const t of ['invoice', 'order'] as const)
    existing.set(t, await existingSourceKeys(tx, ctx.tenant.id, t, docs.filter((d) => d.record.type === t).map((d) => d.record.sourceKey)));
  const sellers = new Set((cfg.options.sellerTaxIds ?? (await tenantTaxIds(tx, ctx.tenant.id))).map(norm));
  const memo = new Map<string, string>();
  const ledger = { ...deps, db: tx as Db };
  for (const { record: r, fileId, file } of docs) {
    if (existing.get(r.type)!.has(r.sourceKey)) continue;
    const refuse = (reason: string) => tally.refuseRead({ file, position: r.position, reason: `${r.type} ${r.number}: ${reason}` });
    if (r.type === 'invoice') {
      if (!sellers.size) {
        refuse('no seller tax id is configured for this tenant (options.sellerTaxIds of the connector-config, or tenant setting taxIds)');
        continue;
      }
      if (!partyIds(r.seller).some((id) => sellers.has(id))) {
        refuse(`seller ${r.seller.name ?? ''} (${r.seller.taxId ?? r.seller.legalId ?? 'no tax id'}) is not this tenant`);
        continue;
      }
    }
    const buyer = await buyerOf(deps, ctx, tx, r.buyer, cfg, tally, memo);
    if (Array.isArray(buyer)) {
      refuse(buyer[0]!);
      continue;
    }
    try {
      const posted = await postDocument(ledger, ctx, postingOf(r, buyer, ctx));
      links.push({ sourceType: r.type, sourceKey: r.sourceKey, role: 'document', documentId: posted.document.id, fileId, position: r.position });
      existing.get(r.type)!.add(r.sourceKey);
      tally.created(r.currency, r.type === 'invoice' && r.documentKind === 'credit-note' ? 'credit' : 'debit', 1, r.type === 'order' ? estimateAmount(r, ctx) : r.totals.payable);
      tally.report.documents.created++;
    } catch (e) {
      if (!(e instanceof HexiaoError)) throw e;
      refuse(`refused by the ledger: ${e.message}`);
    }
  }
}
