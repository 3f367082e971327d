import type { InvoiceRecord } from '@hexiao/plugins/sdk';
import type { Db } from '../../store/db.ts';
import { findDocumentByNumber } from '../../store/repos/documents.ts';
import { getOpenItems } from '../../store/repos/open-items.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { dec } from '../money/index.ts';
import { allocate } from '../settlement/index.ts';
import type { PostedDocument } from '../ledger/index.ts';

export interface CreditNoteOutcome {
  applied: number;
  warnings: string[];
}

/**
 * Links each imported credit note to the invoice it corrects by settling it against that invoice's open
 * amount (same customer and currency). A credit note whose invoice is not booked, already cleared or in
 * another currency stays open, with a warning naming both documents.
 */
export async function applyCreditNotes(
  deps: DomainDeps & { db: Db },
  ctx: ActionCtx,
  posted: { record: InvoiceRecord; document: PostedDocument['document'] }[],
): Promise<CreditNoteOutcome> {
  const out: CreditNoteOutcome = { applied: 0, warnings: [] };
  for (const { record, document } of posted) {
    let open = dec((await getOpenItems(deps.db, ctx.tenant.id, [document.id])).get(document.id)?.openAmount ?? '0');
    for (const ref of record.precedingInvoices ?? []) {
      if (open.lte(0)) break;
      const invoice = await findDocumentByNumber(deps.db, ctx.tenant.id, 'invoice', ref.number);
      const where = `credit note ${record.number} corrects invoice ${ref.number}`;
      if (!invoice || invoice.customerId !== document.customerId) {
        out.warnings.push(`${where}, which is not booked for this customer: the credit note stays open`);
        continue;
      }
      if (invoice.currency !== document.currency) {
        out.warnings.push(
          `${where} in ${invoice.currency}, the credit note is in ${document.currency}: settle it by hand`,
        );
        continue;
      }
      const invoiceOpen = dec(
        (await getOpenItems(deps.db, ctx.tenant.id, [invoice.id])).get(invoice.id)?.openAmount ?? '0',
      );
      const amount = open.lt(invoiceOpen) ? open : invoiceOpen;
      if (amount.lte(0)) {
        out.warnings.push(`${where}, which is already cleared: the credit note stays open`);
        continue;
      }
      try {
        const postingDate = record.issueDate > invoice.postingDate ? record.issueDate : invoice.postingDate;
        await allocate(deps, ctx, {
          postingDate,
          lines: [{ debitDocumentId: invoice.id, creditDocumentId: document.id, amount: amount.toFixed() }],
          reason: where,
        });
        open = open.minus(amount);
        out.applied += 1;
      } catch (e) {
        if (!(e instanceof HexiaoError)) throw e;
        out.warnings.push(`${where}; settling them was refused: ${e.message}`);
      }
    }
  }
  return out;
}
