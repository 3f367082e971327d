import { isUniqueViolation } from '../../store/repos/documents.ts';
import { lockOpenItems, updateOpenItem } from '../../store/repos/open-items.ts';
import { insertSettlement } from '../../store/repos/settlements.ts';
import { allowanceCarried, generalAllowanceCarried, lockCustomerWriteOffs } from '../../store/repos/write-offs.ts';
import type { Executor } from '../../store/db.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { amountLimitReason, dec, isAmountText, ZERO } from '../money/index.ts';
import { requireOpenPeriod } from '../periods/index.ts';
import { postingRule } from './account-mapping.ts';
import { todayIn } from './dates.ts';
import type { LedgerDeps } from './deps.ts';
import { saveDocumentPlan } from './persist.ts';
import { resolveAccountMapping } from './resolve-mapping.ts';
import { isDate } from './validate-input.ts';
import { writeOffKinds, type LedgerDocument, type OpenItem, type Voucher, type WriteOffKind } from './types.ts';
import { planWriteOff } from './write-off-plan.ts';
import { writeOffPolicy, type WriteOffPolicy } from './write-off-policy.ts';

export interface WriteOffInput {
  kind: WriteOffKind;
  /** The items to write off; amount omitted = everything still open. */
  items: { documentId: string; amount?: string }[];
  reason: string;
  postingDate?: string;
  /** e.g. the approval request's number; kept on each write-off document. */
  reference?: string;
  /**
   * Numbers the write-offs `<number>-1`, `<number>-2`, …: posting the same number twice is refused by the
   * ledger's unique document number, so a caller that numbers by request (the approval runtime) can never
   * write the same request off twice. Omitted = generated.
   */
  number?: string;
}

export interface PostedWriteOff {
  items: {
    document: LedgerDocument;
    voucher: Voucher;
    /** The written-off item after the write-off (settled when written off in full). */
    target: OpenItem;
    allowanceUsed: string;
    shortfallCharged: string;
    settlementId: string;
  }[];
  policy: WriteOffPolicy;
}

/**
 * Posts a write-off of open items in one transaction: each item is locked, written off (in part or in
 * full) by a write-off document settled against it, with its voucher; the allowance a bad-debt write-off
 * uses is read per customer under a lock, so two write-offs never spend it twice. Refused (nothing written)
 * when an item is settled, smaller than the amount, in a closed period, or of the wrong kind.
 */
export async function postWriteOff(deps: LedgerDeps, ctx: ActionCtx, input: WriteOffInput): Promise<PostedWriteOff> {
  checkInput(input);
  const postingDate = input.postingDate ?? todayIn(ctx.tenant.timeZone);
  return refuseDuplicate(`write-off ${input.number ?? ''}`.trim(), () =>
    deps.db.transaction(async (tx) => {
      const tenantId = ctx.tenant.id;
      const period = await requireOpenPeriod(tx, tenantId, postingDate, '/postingDate');
      const locked = await lockOpenItems(
        tx,
        tenantId,
        input.items.map((i) => i.documentId),
      );
      input.items.forEach((i, k) => {
        if (!locked.has(i.documentId))
          throw new HexiaoError('not_found', `document ${i.documentId} does not exist`, {
            pointer: `/items/${k}/documentId`,
          });
      });
      const customers = [...new Set([...locked.values()].map((x) => x.document.customerId).filter((c) => c !== null))];
      for (const c of customers.sort()) await lockCustomerWriteOffs(tx, tenantId, c);
      const mapping = await resolveAccountMapping(tx, tenantId);
      const policy = await writeOffPolicy(tx, tenantId);
      const kind: WriteOffKind =
        input.kind === 'bad-debt' && policy.mode === 'direct-write-off' ? 'direct' : input.kind;
      const allowance = await allowances(tx, tenantId, kind, customers, () =>
        postingRule(mapping, 'write-off', 'bad-debt', 'default'),
      );
      // the general allowance is shared by every customer: taken under its own lock, after the customers'
      let pool = ZERO;
      if (kind === 'bad-debt' && policy.generalAllowance && policy.shortfall === 'expense') {
        await lockCustomerWriteOffs(tx, tenantId, 'general');
        const code = postingRule(mapping, 'write-off', 'bad-debt', 'default').debit.code;
        pool = dec(await generalAllowanceCarried(tx, tenantId, code));
      }
      const prefix = input.number ?? `WO-${postingDate.replace(/-/g, '')}-${newId().slice(-8).toUpperCase()}`;
      const out: PostedWriteOff['items'] = [];
      for (const [k, item] of input.items.entries()) {
        const target = locked.get(item.documentId)!;
        const customer = target.document.customerId ?? '';
        const plan = planWriteOff(ctx.tenant, mapping, {
          kind,
          target,
          amount: item.amount,
          id: newId(),
          voucherId: newId(),
          number: input.items.length === 1 && input.number ? prefix : `${prefix}-${k + 1}`,
          postingDate,
          reason: input.reason,
          reference: input.reference ?? null,
          allowance: allowance.get(customer) ?? ZERO,
          pool,
          shortfall: policy.shortfall,
          at: `/items/${k}`,
        });
        allowance.set(customer, (allowance.get(customer) ?? ZERO).minus(plan.allowanceUsed.minus(plan.poolUsed)));
        pool = pool.minus(plan.poolUsed);
        deps.fault?.('write-off:before-write');
        const voucher = await saveDocumentPlan(tx, ctx, plan);
        await updateOpenItem(tx, tenantId, plan.targetOpen);
        target.open = plan.targetOpen;
        const settlementId = newId();
        await insertSettlement(
          tx,
          tenantId,
          {
            id: settlementId,
            kind: 'write-off',
            customerId: target.document.customerId,
            postingDate,
            period,
            reversesId: null,
            reason: input.reason,
            voucherId: null,
          },
          [plan.line],
          ctx.actor.name,
        );
        out.push({
          document: plan.document,
          voucher,
          target: plan.targetOpen,
          allowanceUsed: plan.allowanceUsed.toFixed(),
          shortfallCharged: plan.shortfallCharged.toFixed(),
          settlementId,
        });
      }
      await recordAudit(
        tx,
        ctx,
        deps.auditKey,
        ...out.map((o) => ({
          action: 'document.write-off',
          entityType: 'document',
          entityId: o.document.relatedId!,
          after: {
            writeOff: o.document.id,
            number: o.document.number,
            kind: o.document.writeOffKind,
            amount: o.document.amount,
            currency: o.document.currency,
            baseAmount: o.document.baseAmount,
            allowanceUsed: o.allowanceUsed,
            shortfallCharged: o.shortfallCharged,
            voucherNo: o.voucher.voucherNo,
            reason: input.reason,
            reference: input.reference ?? null,
          },
          definitions: [
            { kind: 'account-mapping', key: mapping.key, version: mapping.version },
            ...(policy.source.kind === 'provision-plan' ? [policy.source] : []),
          ],
        })),
      );
      return { items: out, policy };
    }),
  );
}

/** A document number taken twice (the same request written off again) is a 409, never a database error. */
export async function refuseDuplicate<T>(label: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e))
      throw new HexiaoError('conflict', `${label} was already posted`, { pointer: '/number', cause: e });
    throw e;
  }
}

function checkInput(input: WriteOffInput): void {
  if (!writeOffKinds.includes(input.kind))
    throw invalid('/kind', `must be one of ${writeOffKinds.join(', ')} (got ${JSON.stringify(input.kind)})`);
  if (!Array.isArray(input.items) || input.items.length === 0 || input.items.length > 1000)
    throw invalid('/items', 'must name 1 to 1,000 items to write off');
  const seen = new Set<string>();
  input.items.forEach((i, k) => {
    if (typeof i.documentId !== 'string' || !/^[0-9a-f-]{36}$/i.test(i.documentId))
      throw invalid(`/items/${k}/documentId`, 'must be a document id');
    if (seen.has(i.documentId)) throw invalid(`/items/${k}/documentId`, 'names the same item twice');
    seen.add(i.documentId);
    if (i.amount !== undefined && (!isAmountText(i.amount) || dec(i.amount).lte(0)))
      throw invalid(`/items/${k}/amount`, `must be greater than zero and ${amountLimitReason}`);
  });
  if (typeof input.reason !== 'string' || !input.reason.trim() || input.reason.length > 1000)
    throw invalid('/reason', 'is required: say why the items are written off (at most 1,000 characters)');
  if (input.postingDate !== undefined && !isDate(input.postingDate))
    throw invalid('/postingDate', 'must be a date YYYY-MM-DD');
  if (input.number !== undefined && !/^[\p{L}\p{N}][\p{L}\p{N} _./#-]{0,56}$/u.test(input.number))
    throw invalid('/number', 'must be 1-57 letters, digits or _ . / # - (starting with a letter or digit)');
}

/** Allowance carried per customer (bad-debt write-offs only), from the mapping's bad-debt debit account. */
async function allowances(
  tx: Executor,
  tenantId: string,
  kind: WriteOffKind,
  customers: string[],
  rule: () => { debit: { code: string } },
) {
  const out = new Map<string, ReturnType<typeof dec>>();
  if (kind !== 'bad-debt') return out;
  const code = rule().debit.code;
  for (const c of customers) out.set(c, dec(await allowanceCarried(tx, tenantId, code, c)));
  return out;
}
