import { isUniqueViolation } from '../../store/repos/documents.ts';
import { insertDocument } from '../../store/repos/documents.ts';
import { insertOpenItem, lockOpenItems, updateOpenItem } from '../../store/repos/open-items.ts';
import { recoveredOf } from '../../store/repos/recoveries.ts';
import { insertSettlement } from '../../store/repos/settlements.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import {
  describeDocument,
  isDate,
  resolveAccountMapping,
  saveVoucher,
  todayIn,
  type LedgerDeps,
  type LedgerDocument,
  type Voucher,
} from '../ledger/index.ts';
import { dec, formatMoney, parsePositiveAmount } from '../money/index.ts';
import { requireOpenPeriod } from '../periods/index.ts';
import { planAllocation, type AllocationDoc } from '../settlement/index.ts';
import { recoveryPolicy, type RecoveryPolicyInForce } from './policy.ts';
import { planRecovery, recoveryPolicies, type RecoveryPolicy } from './recovery-plan.ts';

export interface RecoveryInput {
  /** The bad-debt or direct write-off the cash recovers. */
  writeOffId: string;
  /** The receipt (or prepayment) that brought the cash; it settles the recovery at once. */
  receiptId: string;
  /** In the write-off's currency; omitted = the smaller of what is left to recover and the receipt's open amount. */
  amount?: string;
  /** In the receipt's currency, required when it differs from the write-off's. */
  receiptAmount?: string;
  /** Overrides the tenant's policy for this recovery (audited with the rest). */
  policy?: RecoveryPolicy;
  postingDate?: string;
  reason: string;
  reference?: string;
}

export interface PostedRecovery {
  recovery: LedgerDocument;
  writeOff: { id: string; number: string; amount: string; recovered: string };
  receivableId: string | null;
  receiptId: string;
  policy: RecoveryPolicy;
  policySource: RecoveryPolicyInForce['source'];
  voucher: Voucher;
  settlementId: string;
  settlementVoucher: Voucher | null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkInput(input: RecoveryInput): void {
  for (const f of ['writeOffId', 'receiptId'] as const)
    if (typeof input[f] !== 'string' || !uuid.test(input[f])) throw invalid(`/${f}`, 'must be a document id');
  if (input.policy !== undefined && !recoveryPolicies.includes(input.policy))
    throw invalid('/policy', `must be one of ${recoveryPolicies.join(', ')}`);
  if (typeof input.reason !== 'string' || !input.reason.trim() || input.reason.length > 1000)
    throw invalid('/reason', 'is required: say where the cash came from (at most 1,000 characters)');
  if (input.postingDate !== undefined && !isDate(input.postingDate))
    throw invalid('/postingDate', 'must be a date YYYY-MM-DD');
  if (input.reference !== undefined && (typeof input.reference !== 'string' || input.reference.length > 200))
    throw invalid('/reference', 'must be text of at most 200 characters');
}

/**
 * Recovers (part of) a written-off debt from a receipt, in one transaction: the write-off, its receivable
 * and the receipt are locked; the recovery document (reinstating the receivable against the allowance, or
 * to income, per policy) is posted and settled by the receipt at once. Never recovers more than the
 * write-off wrote off less its earlier recoveries; refused (nothing written) otherwise, or when the receipt
 * belongs to another customer, has too little open, or the period is closed.
 */
export async function postRecovery(deps: LedgerDeps, ctx: ActionCtx, input: RecoveryInput): Promise<PostedRecovery> {
  checkInput(input);
  const postingDate = input.postingDate ?? todayIn(ctx.tenant.timeZone);
  try {
    return await deps.db.transaction(async (tx) => {
      const tenantId = ctx.tenant.id;
      const period = await requireOpenPeriod(tx, tenantId, postingDate, '/postingDate');
      const locked = await lockOpenItems(tx, tenantId, [input.writeOffId, input.receiptId]);
      const writeOff = locked.get(input.writeOffId);
      const receipt = locked.get(input.receiptId);
      if (!writeOff) throw new HexiaoError('not_found', `write-off ${input.writeOffId} does not exist`);
      if (!receipt) throw new HexiaoError('not_found', `receipt ${input.receiptId} does not exist`);
      const receiptName = describeDocument(receipt.document);
      if (!['receipt', 'prepayment'].includes(receipt.document.docType) || receipt.document.reversesId)
        throw invalid('/receiptId', `${receiptName} is not a receipt`);
      if (receipt.document.customerId !== null && receipt.document.customerId !== writeOff.document.customerId)
        throw invalid('/receiptId', `${receiptName} belongs to another customer than the written-off debt`);
      const receiptOpen = dec(receipt.open.openAmount);
      if (receiptOpen.isZero()) throw invalid('/receiptId', `${receiptName} is fully applied: nothing is left open`);
      const sameCurrency = receipt.document.currency === writeOff.document.currency;
      if (!sameCurrency && input.receiptAmount === undefined)
        throw invalid(
          '/receiptAmount',
          `is required: ${receiptName} is in ${receipt.document.currency}, the write-off in ${writeOff.document.currency}`,
        );
      const recovered = await recoveredOf(tx, tenantId, writeOff.document.id);
      const left = dec(writeOff.document.amount).minus(recovered.amount);
      const amount =
        input.amount !== undefined
          ? parsePositiveAmount(input.amount, writeOff.document.currency, '/amount')
          : sameCurrency && left.gt(0)
            ? receiptOpen.lt(left)
              ? receiptOpen
              : left
            : undefined;
      const policy = input.policy
        ? { policy: input.policy, source: { kind: 'request' as const } }
        : await recoveryPolicy(tx, tenantId);
      const mapping = await resolveAccountMapping(tx, tenantId);
      const id = newId();
      const plan = planRecovery(ctx.tenant, mapping, {
        writeOff: writeOff.document,
        recovered: { amount: dec(recovered.amount), base: dec(recovered.base) },
        amount,
        policy: policy.policy,
        id,
        voucherId: newId(),
        number: `RC-${writeOff.document.number}-${postingDate.replace(/-/g, '')}-${id.slice(-4).toUpperCase()}`,
        postingDate,
        reason: input.reason,
        reference: input.reference ?? null,
      });
      const recoveryAmount = dec(plan.document.amount);
      const receiptAmount = sameCurrency
        ? recoveryAmount
        : parsePositiveAmount(input.receiptAmount, receipt.document.currency, '/receiptAmount');
      if (receiptAmount.gt(receiptOpen))
        throw invalid(
          sameCurrency ? '/amount' : '/receiptAmount',
          `${formatMoney(receiptAmount, receipt.document.currency)} is more than ${receiptName} has open (${formatMoney(receiptOpen, receipt.document.currency)})`,
        );
      const voucher = await saveVoucher(tx, ctx, plan.voucher, plan.document.voucherId);
      await insertDocument(tx, tenantId, plan.document, ctx.actor.name);
      await insertOpenItem(tx, tenantId, plan.openItem);
      const docs = new Map<string, AllocationDoc>([
        [plan.document.id, { document: plan.document, open: plan.openItem }],
        [receipt.document.id, receipt],
      ]);
      const settlementId = newId();
      const allocation = planAllocation(
        ctx.tenant,
        mapping,
        docs,
        [
          {
            debitDocumentId: plan.document.id,
            creditDocumentId: receipt.document.id,
            amount: recoveryAmount.toFixed(),
            ...(sameCurrency ? {} : { creditAmount: receiptAmount.toFixed() }),
          },
        ],
        { settlementId, postingDate, description: `recovery ${plan.document.number} settled by ${receiptName}` },
      );
      const settlementVoucher = allocation.voucher ? await saveVoucher(tx, ctx, allocation.voucher) : null;
      await insertSettlement(
        tx,
        tenantId,
        {
          id: settlementId,
          kind: 'recovery',
          customerId: writeOff.document.customerId,
          postingDate,
          period,
          reversesId: null,
          reason: input.reason,
          voucherId: settlementVoucher?.id ?? null,
        },
        allocation.lines,
        ctx.actor.name,
      );
      for (const o of allocation.open.values()) await updateOpenItem(tx, tenantId, o);
      const total = dec(recovered.amount).plus(recoveryAmount).toFixed();
      await recordAudit(tx, ctx, deps.auditKey, {
        action: 'document.recovery',
        entityType: 'document',
        entityId: writeOff.document.relatedId ?? writeOff.document.id,
        after: {
          recovery: plan.document.id,
          number: plan.document.number,
          writeOff: writeOff.document.id,
          writeOffNumber: writeOff.document.number,
          receipt: receipt.document.id,
          amount: plan.document.amount,
          currency: plan.document.currency,
          baseAmount: plan.document.baseAmount,
          policy: policy.policy,
          credited: plan.credited.code,
          recoveredSoFar: total,
          voucherNo: voucher.voucherNo,
          settlementVoucherNo: settlementVoucher?.voucherNo ?? null,
          reason: input.reason,
        },
        definitions: [
          { kind: 'account-mapping', key: mapping.key, version: mapping.version },
          ...(policy.source.kind === 'provision-plan' ? [policy.source] : []),
        ],
      });
      return {
        recovery: plan.document,
        writeOff: {
          id: writeOff.document.id,
          number: writeOff.document.number,
          amount: dec(writeOff.document.amount).toFixed(),
          recovered: total,
        },
        receivableId: writeOff.document.relatedId ?? null,
        receiptId: receipt.document.id,
        policy: policy.policy,
        policySource: policy.source,
        voucher,
        settlementId,
        settlementVoucher,
      };
    });
  } catch (e) {
    if (isUniqueViolation(e))
      throw new HexiaoError('conflict', 'a recovery with this number was already posted: retry', { cause: e });
    throw e;
  }
}
