import { readVoucher } from './stored-vouchers.ts';
import { lockOpenItems, updateOpenItem } from '../../store/repos/open-items.ts';
import { insertSettlement } from '../../store/repos/settlements.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { requireOpenPeriod } from '../periods/index.ts';
import { todayIn } from './dates.ts';
import type { LedgerDeps } from './deps.ts';
import { saveDocumentPlan } from './persist.ts';
import { describeDocument } from './post-plan.ts';
import { resolveAccountMapping } from './resolve-mapping.ts';
import { planReversal } from './reverse-plan.ts';
import { reversalNumber, type LedgerDocument, type Voucher } from './types.ts';
import { withConflicts } from './post-document.ts';

export interface ReverseDocumentInput {
  documentId: string;
  reason: string;
  postingDate?: string;
}

export interface ReversedDocument {
  original: LedgerDocument;
  reversal: LedgerDocument;
  voucher: Voucher;
}

/**
 * Posts the red document of a fully open document: its voucher mirrors the original's, and the pair
 * settles each other so both open items are zero. Reversing twice, or reversing a settled document, is refused.
 */
export async function reverseDocument(
  deps: LedgerDeps,
  ctx: ActionCtx,
  input: ReverseDocumentInput,
): Promise<ReversedDocument> {
  if (!input.reason?.trim()) throw invalid('/reason', 'is required: say why the document is reversed');
  const postingDate = input.postingDate ?? todayIn(ctx.tenant.timeZone);
  return withConflicts(`reversal of document ${input.documentId}`, '/documentId', () =>
    deps.db.transaction(async (tx) => {
      const tenantId = ctx.tenant.id;
      const period = await requireOpenPeriod(tx, tenantId, postingDate);
      const locked = (await lockOpenItems(tx, tenantId, [input.documentId])).get(input.documentId);
      if (!locked)
        throw new HexiaoError('not_found', `document ${input.documentId} does not exist`, { pointer: '/documentId' });
      const original = locked.document;
      if (postingDate < original.postingDate)
        throw invalid(
          '/postingDate',
          `is before the original's posting date ${original.postingDate}`,
          describeDocument(original),
        );
      const mapping = await resolveAccountMapping(tx, tenantId);
      const originalVoucher = await readVoucher(tx, tenantId, original.voucherId);
      const plan = planReversal(ctx.tenant, mapping, {
        original,
        originalOpen: locked.open,
        originalVoucher,
        id: newId(),
        voucherId: newId(),
        number: reversalNumber(original.number),
        postingDate,
        reason: input.reason,
      });
      deps.fault?.('reverse:before-write');
      const voucher = await saveDocumentPlan(tx, ctx, plan.red);
      await updateOpenItem(tx, tenantId, plan.originalOpen);
      deps.fault?.('reverse:after-open-item');
      const settlementId = newId();
      await insertSettlement(
        tx,
        tenantId,
        {
          id: settlementId,
          kind: 'document-reversal',
          customerId: original.customerId,
          postingDate,
          period,
          reversesId: null,
          reason: input.reason,
          voucherId: null,
        },
        [plan.offset],
        ctx.actor.name,
      );
      await recordAudit(tx, ctx, deps.auditKey, {
        action: 'document.reverse',
        entityType: 'document',
        entityId: original.id,
        before: { openAmount: locked.open.openAmount },
        after: {
          reversal: plan.red.document.id,
          number: plan.red.document.number,
          voucherNo: voucher.voucherNo,
          reason: input.reason,
        },
        definitions: [{ kind: 'account-mapping', key: mapping.key, version: mapping.version }],
      });
      return { original, reversal: plan.red.document, voucher };
    }),
  );
}
