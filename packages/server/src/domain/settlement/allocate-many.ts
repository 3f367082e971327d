import { lockOpenItems, updateOpenItems } from '../../store/repos/open-items.ts';
import { insertSettlements, type SettlementHeader } from '../../store/repos/settlements.ts';
import { recordAudit, type AuditInput } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { isHexiaoError } from '../errors.ts';
import { newId } from '../ids.ts';
import {
  resolveAccountMapping,
  saveVouchers,
  type LedgerDeps,
  type OpenItem,
  type VoucherDraft,
} from '../ledger/index.ts';
import { requireOpenPeriod } from '../periods/index.ts';
import { payerGroup } from './allocate.ts';
import { planAllocation, type AllocationDoc, type AllocationLineInput, type AllocationPlan } from './allocate-plan.ts';

export interface ManyInput {
  lines: AllocationLineInput[];
  postingDate: string;
  reason: string;
  /** The paying customer when it settles for its group. */
  customerId?: string;
}

type Payer = { customerId: string; name: string; group: ReadonlySet<string> };

export interface ManyOutcome {
  settlementId: string | null;
  /** Why this one was refused (an amount no longer open, a closed period): nothing of it is written. */
  conflict?: string;
}

/**
 * Many same-currency allocations in the caller's transaction, as `allocate` would post them one after the
 * other: each is planned against the open items as the ones before it left them, and one that the ledger's
 * planner refuses is reported and leaves nothing. The accepted ones are then written together: one counter
 * step per period (gapless numbers in input order), one multi-row insert per table, the final state of each
 * touched open item, one audit append with an entry per settlement. Cross-currency lines are not taken here
 * (their rates are checked against the day's table by `allocate`): the caller sends those one at a time.
 */
export async function allocateMany(
  deps: LedgerDeps,
  ctx: ActionCtx,
  inputs: readonly ManyInput[],
): Promise<ManyOutcome[]> {
  const tx = deps.db;
  const tenantId = ctx.tenant.id;
  const locked = await lockOpenItems(
    tx,
    tenantId,
    inputs.flatMap((i) => i.lines.flatMap((l) => [l.debitDocumentId, l.creditDocumentId])),
  );
  const docs = new Map<string, AllocationDoc>(locked);
  const mapping = await resolveAccountMapping(tx, tenantId);
  const periods = new Map<string, string | Error>();
  const groups = new Map<string, Payer | Error>();
  const touched = new Map<string, OpenItem>();
  const accepted: { header: SettlementHeader; plan: AllocationPlan; voucherId: string | null }[] = [];
  const out: ManyOutcome[] = [];
  for (const input of inputs) {
    try {
      if (!periods.has(input.postingDate))
        periods.set(input.postingDate, await requireOpenPeriod(tx, tenantId, input.postingDate).catch((e: Error) => e));
      const period = periods.get(input.postingDate)!;
      if (period instanceof Error) throw period;
      let payer: Payer | undefined;
      if (input.customerId) {
        if (!groups.has(input.customerId))
          groups.set(input.customerId, await payerGroup(tx, tenantId, input.customerId).catch((e: Error) => e));
        const p = groups.get(input.customerId)!;
        if (p instanceof Error) throw p;
        payer = p;
      }
      const id = newId();
      const plan = planAllocation(ctx.tenant, mapping, docs, input.lines, {
        settlementId: id,
        postingDate: input.postingDate,
        ...(payer ? { payer } : {}),
      });
      for (const o of plan.open.values()) {
        docs.set(o.documentId, { document: docs.get(o.documentId)!.document, open: o });
        touched.set(o.documentId, o);
      }
      const voucherId = plan.voucher ? newId() : null;
      accepted.push({
        header: {
          id,
          kind: 'allocation',
          customerId: plan.customerId,
          postingDate: input.postingDate,
          period,
          reversesId: null,
          reason: input.reason,
          voucherId,
        },
        plan,
        voucherId,
      });
      out.push({ settlementId: id });
    } catch (e) {
      if (!isHexiaoError(e)) throw e;
      out.push({ settlementId: null, conflict: e.message });
    }
  }
  if (!accepted.length) return out;
  const drafts = accepted.flatMap((a) =>
    a.plan.voucher ? [{ draft: a.plan.voucher as VoucherDraft, id: a.voucherId! }] : [],
  );
  const vouchers = new Map((await saveVouchers(tx, ctx, drafts)).map((v) => [v.id, v.voucherNo]));
  await insertSettlements(
    tx,
    tenantId,
    accepted.map((a) => ({ header: a.header, lines: a.plan.lines })),
    ctx.actor.name,
  );
  await updateOpenItems(tx, tenantId, [...touched.values()]);
  const entries: AuditInput[] = accepted.map((a) => ({
    action: 'settlement.post',
    entityType: 'settlement',
    entityId: a.header.id,
    after: { lines: a.plan.lines, voucherNo: a.voucherId ? (vouchers.get(a.voucherId) ?? null) : null },
    definitions: [{ kind: 'account-mapping', key: mapping.key, version: mapping.version }],
  }));
  await recordAudit(tx, ctx, deps.auditKey, ...entries);
  return out;
}
