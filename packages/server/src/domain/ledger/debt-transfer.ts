import { findCustomer } from '../../store/repos/customers.ts';
import { insertDocuments } from '../../store/repos/documents.ts';
import { insertOpenItems, lockOpenItems, updateOpenItem } from '../../store/repos/open-items.ts';
import { insertSettlement } from '../../store/repos/settlements.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { checkCustomFields } from '../definitions/index.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { requireOpenPeriod } from '../periods/index.ts';
import { account, postingRule } from './account-mapping.ts';
import { todayIn } from './dates.ts';
import type { LedgerDeps } from './deps.ts';
import { planDebtTransfer } from './debt-transfer-plan.ts';
import { saveVoucher } from './persist.ts';
import { resolveAccountMapping } from './resolve-mapping.ts';
import type { LedgerDocument, Voucher } from './types.ts';
import { amountLimitReason, isAmountText } from '../money/index.ts';
import { isDate } from './validate-input.ts';
import { refuseDuplicate } from './write-off.ts';

export interface DebtTransferInput {
  documentId: string;
  /** In the receivable's currency; omitted = everything still open. */
  amount?: string;
  /** The new payer; omitted = the same customer (a change of receivable type). */
  toCustomerId?: string;
  /** The receivable object type the debt becomes; omitted = the source's. */
  toObjectType?: string;
  dueDate?: string;
  postingDate?: string;
  reason: string;
  /**
   * The approved request that moves the debt (its number names both documents, `<number>-OUT` / `-IN`,
   * so the same request can never post twice). Debt transfers are posted only by approval flows.
   */
  request: { id: string; number: string };
}

export interface PostedDebtTransfer {
  out: LedgerDocument;
  in: LedgerDocument;
  voucher: Voucher;
  settlementId: string;
}

/**
 * Posts a debt transfer in one transaction: the source receivable is locked and relieved by transfer-out,
 * transfer-in opens the same amount on the target customer or receivable type, one voucher moves it
 * between the clearing accounts, and both documents point to each other. Refused (nothing written) when
 * the source is settled or smaller than the amount, the target unknown, or the period closed.
 */
export async function postDebtTransfer(
  deps: LedgerDeps,
  ctx: ActionCtx,
  input: DebtTransferInput,
): Promise<PostedDebtTransfer> {
  if (!input.reason?.trim()) throw invalid('/reason', 'is required: say why the debt moves');
  if (!input.request?.id || !input.request.number)
    throw new HexiaoError('not_allowed', 'a debt transfer is posted only through an approved request');
  for (const f of ['postingDate', 'dueDate'] as const)
    if (input[f] !== undefined && !isDate(input[f])) throw invalid(`/${f}`, 'must be a date YYYY-MM-DD');
  if (input.amount !== undefined && !isAmountText(input.amount))
    throw invalid('/amount', `must be greater than zero and ${amountLimitReason}`);
  const postingDate = input.postingDate ?? todayIn(ctx.tenant.timeZone);
  const label = `debt transfer ${input.request.number}`;
  return refuseDuplicate(label, () =>
    deps.db.transaction(async (tx) => {
      const tenantId = ctx.tenant.id;
      const period = await requireOpenPeriod(tx, tenantId, postingDate, '/postingDate');
      const source = (await lockOpenItems(tx, tenantId, [input.documentId])).get(input.documentId);
      if (!source)
        throw new HexiaoError('not_found', `document ${input.documentId} does not exist`, { pointer: '/documentId' });
      const toCustomerId = input.toCustomerId ?? source.document.customerId!;
      if (!(await findCustomer(tx, tenantId, toCustomerId)))
        throw invalid('/toCustomerId', `is not a customer of this tenant (${toCustomerId})`);
      const type = input.toObjectType
        ? await checkCustomFields(tx, tenantId, 'receivable', input.toObjectType, undefined, label)
        : null;
      const toReceivableType = type?.key ?? source.document.receivableType;
      const mapping = await resolveAccountMapping(tx, tenantId);
      const ids = { out: newId(), in: newId(), voucher: newId() };
      const plan = planDebtTransfer(ctx.tenant, mapping, {
        source,
        amount: input.amount,
        toCustomerId,
        toReceivableType,
        toClearing: postingRule(mapping, 'invoice', null, toReceivableType).debit,
        fromClearing: account(mapping, source.document.clearingAccount),
        ids,
        numbers: { out: `${input.request.number}-OUT`, in: `${input.request.number}-IN` },
        postingDate,
        dueDate: input.dueDate ?? null,
        reason: input.reason,
        reference: input.request.number,
      });
      deps.fault?.('transfer:before-write');
      const voucher = await saveVoucher(tx, ctx, plan.voucher, ids.voucher);
      await insertDocuments(
        tx,
        tenantId,
        [{ document: plan.out.document }, { document: plan.in.document, ...(type ? { objectType: type } : {}) }],
        ctx.actor.name,
      );
      await insertOpenItems(tx, tenantId, [plan.out.openItem, plan.in.openItem]);
      await updateOpenItem(tx, tenantId, plan.sourceOpen);
      const settlementId = newId();
      await insertSettlement(
        tx,
        tenantId,
        {
          id: settlementId,
          kind: 'transfer',
          customerId: source.document.customerId,
          postingDate,
          period,
          reversesId: null,
          reason: input.reason,
          voucherId: null,
        },
        [plan.line],
        ctx.actor.name,
      );
      await recordAudit(tx, ctx, deps.auditKey, {
        action: 'document.transfer',
        entityType: 'document',
        entityId: source.document.id,
        before: { openAmount: source.open.openAmount, customerId: source.document.customerId },
        after: {
          out: plan.out.document.number,
          in: plan.in.document.number,
          toCustomerId,
          toReceivableType,
          amount: plan.in.document.amount,
          currency: plan.in.document.currency,
          voucherNo: voucher.voucherNo,
          request: input.request,
        },
        definitions: [
          { kind: 'account-mapping', key: mapping.key, version: mapping.version },
          ...(type ? [{ kind: 'object-type', ...type }] : []),
        ],
      });
      return { out: plan.out.document, in: plan.in.document, voucher, settlementId };
    }),
  );
}
