import * as repo from '../../store/repos/matching.ts';
import { findCustomer } from '../../store/repos/customers.ts';
import { customerGroup } from '../../store/repos/customer-groups.ts';
import { getOpenItems, lockOpenItems } from '../../store/repos/open-items.ts';
import { getDocuments } from '../../store/repos/documents.ts';
import { Decimal } from '../money/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { Db, Executor } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { todayIn, type LedgerDeps } from '../ledger/index.ts';
import type { DecisionLine, EngineDecision } from './engine.ts';
import { postDecision } from './post-decisions.ts';
import { recoveryProposals, type RecoveryProposal } from './recovery-proposals.ts';
import { money } from './snapshot.ts';
import type { MatchReceipt } from './types.ts';

export type QueueFilter = Omit<repo.QueueFilter, 'after' | 'limit'> & { cursor?: string; limit: number };

export interface QueueEntry {
  receipt: {
    id: string;
    number: string;
    customer: { id: string; code: string | null; name: string | null } | null;
    currency: string;
    amount: string;
    open: string;
    documentDate: string;
    valueDate: string | null;
    endToEndId: string | null;
    bankReference: string | null;
    payerName: string | null;
    payerAccount: string | null;
    text: string | null;
  };
  status: 'suggested' | 'held' | 'unmatched';
  /** The latest matching decision about this receipt, with the rule-set version that made it and why. */
  decision: {
    id: string;
    runId: string;
    outcome: string;
    status: string;
    ruleSet: { key: string; version: number };
    rule: string | null;
    stage: string | null;
    score: number;
    detail: unknown;
  } | null;
  /** An unmatched receipt from a payer whose debt was written off: the recovery proposed instead. */
  recovery: RecoveryProposal | null;
}

const cursorOf = (r: { document_date: string; id: string }) => `${r.document_date}_${r.id}`;

function parseCursor(c: string | undefined): repo.QueueFilter['after'] {
  if (c === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})_([0-9a-f-]{36})$/.exec(c);
  if (!m) throw invalid('/query/cursor', 'is not a cursor this list returned');
  return { date: m[1]!, id: m[2]! };
}

const textOf = (r: repo.QueueRow) =>
  [r.remittance, r.reference, r.description].filter((x): x is string => Boolean(x)).join(' ') || null;

/**
 * The clerk's queue: receipts with money still open, oldest first, each with its latest decision (an open
 * suggestion, a held duplicate, or the top candidates and the gate each failed), keyset-paged.
 */
export async function listQueue(db: Executor, tenantId: string, f: QueueFilter) {
  const rows = await repo.queueReceipts(db, tenantId, { ...f, after: parseCursor(f.cursor), limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  const proposals = await recoveryProposals(
    db,
    tenantId,
    page
      .filter((r) => r.status === 'unmatched')
      .map((r) => ({ id: r.id, customerId: r.customer_id, currency: r.currency, open: r.open_amount })),
  );
  const items: QueueEntry[] = page.map((r) => ({
    receipt: {
      id: r.id,
      number: r.number,
      customer: r.customer_id ? { id: r.customer_id, code: r.customer_code, name: r.customer_name } : null,
      currency: r.currency,
      amount: money(r.amount, r.currency),
      open: money(r.open_amount, r.currency),
      documentDate: r.document_date,
      valueDate: r.value_date,
      endToEndId: r.end_to_end_id,
      bankReference: r.bank_reference,
      payerName: r.counterparty_name,
      payerAccount: r.counterparty_account,
      text: textOf(r),
    },
    status: r.status as QueueEntry['status'],
    decision: r.decision_id
      ? {
          id: r.decision_id,
          runId: r.decision_run_id!,
          outcome: r.decision_outcome!,
          status: r.decision_status!,
          ruleSet: { key: r.decision_rule_set_key!, version: r.decision_rule_set_version! },
          rule: r.decision_rule,
          stage: r.decision_stage,
          score: r.decision_score ?? 0,
          detail: r.decision_detail,
        }
      : null,
    recovery: proposals.get(r.id) ?? null,
  }));
  return { items, next: rows.length > f.limit ? cursorOf(page[page.length - 1]!) : null };
}

export interface AcceptInput {
  /** The clerk's edit: what each document gets instead of the suggestion (the receipt pays them). */
  allocations?: { documentId: string; amount: string; receiptAmount?: string }[];
  postingDate?: string;
  reason?: string;
}

interface StoredDetail {
  lines: DecisionLine[];
  adjustments: EngineDecision['adjustments'];
  allocations: EngineDecision['allocations'];
  credits: EngineDecision['credits'];
}

async function openSuggestion(tx: Executor, tenantId: string, id: string) {
  const d = await repo.getDecision(tx, tenantId, id, true);
  if (!d) throw new HexiaoError('not_found', `matching decision ${id} does not exist`);
  if (d.outcome !== 'suggested')
    throw new HexiaoError('conflict', `matching decision ${id} is ${d.outcome}, not a suggestion`);
  if (d.status !== 'open')
    throw new HexiaoError(
      'conflict',
      `the suggestion ${id} is already ${d.status}${d.decidedBy ? ` by ${d.decidedBy}` : ''}`,
    );
  return d;
}

/**
 * A clerk accepts a suggestion (as proposed, or with their own allocations): the settlement is posted through
 * the ledger's locked path, so an amount no longer open is a 409 and nothing is posted. The decision records
 * who accepted it and the settlement; the audit entry names the rule-set version that suggested it.
 */
export async function acceptSuggestion(deps: LedgerDeps, ctx: ActionCtx, id: string, input: AcceptInput = {}) {
  return deps.db.transaction(async (tx) => {
    const inner = { ...deps, db: tx as Db };
    const d = await openSuggestion(tx, ctx.tenant.id, id);
    const detail = d.detail as StoredDetail;
    const edited = input.allocations !== undefined;
    const docs = await lockOpenItems(tx, ctx.tenant.id, [
      d.receiptId,
      ...(edited ? input.allocations!.map((a) => a.documentId) : detail.allocations.map((a) => a.documentId)),
      ...(edited ? [] : detail.credits.map((c) => c.documentId)),
    ]);
    const receiptDoc = docs.get(d.receiptId)!.document;
    if (edited) {
      // the receipt's customer (posted or assigned) pays for itself and its group, never for anyone else
      const payer = await repo.receiptCustomer(tx, ctx.tenant.id, d.receiptId);
      const group = payer ? new Set(await customerGroup(tx, ctx.tenant.id, payer)) : null;
      const seen = new Set<string>();
      input.allocations!.forEach((a, i) => {
        if (seen.has(a.documentId)) throw invalid(`/allocations/${i}/documentId`, 'appears twice');
        seen.add(a.documentId);
        const doc = docs.get(a.documentId)?.document;
        if (!doc) throw invalid(`/allocations/${i}/documentId`, 'is not a document of this tenant');
        if (group && doc.customerId && !group.has(doc.customerId))
          throw invalid(
            `/allocations/${i}/documentId`,
            `${doc.number} belongs to a customer outside the receipt's customer group`,
          );
      });
    }
    const decision = {
      receiptId: d.receiptId,
      rule: d.rule,
      customerId: d.customerId,
      allocations: edited
        ? input.allocations!.map((a) => ({
            documentId: a.documentId,
            customerId: docs.get(a.documentId)!.document.customerId,
          }))
        : detail.allocations,
      adjustments: edited ? [] : detail.adjustments,
      lines: edited
        ? input.allocations!.map((a) => ({
            debit: { kind: 'document' as const, id: a.documentId },
            credit: { kind: 'receipt' as const },
            amount: a.amount,
            creditAmount: a.receiptAmount ?? a.amount,
          }))
        : detail.lines,
    } as unknown as EngineDecision;
    const receipt = { id: d.receiptId, number: receiptDoc.number } as MatchReceipt;
    const today = todayIn(ctx.tenant.timeZone);
    const postingDate = input.postingDate ?? (today < receiptDoc.documentDate ? receiptDoc.documentDate : today);
    const out = await postDecision(inner, ctx, decision, receipt, {
      postingDate,
      reason:
        input.reason ??
        `${edited ? 'edited suggestion' : 'suggestion'} of ${d.ruleSetKey} v${d.ruleSetVersion} rule ${d.rule}, accepted by ${ctx.actor.name}`,
    });
    if (out.conflict)
      throw new HexiaoError('conflict', `nothing posted: ${out.conflict}`, { record: `receipt ${receiptDoc.number}` });
    await repo.setDecisionStatus(tx, ctx.tenant.id, id, {
      status: 'accepted',
      decidedBy: ctx.actor.name,
      settlementId: out.settlementId,
    });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'matching.accept',
      entityType: 'matching-decision',
      entityId: id,
      before: { status: 'open' },
      after: {
        status: 'accepted',
        settlementId: out.settlementId,
        edited,
        ...(edited ? { allocations: input.allocations } : {}),
      },
      definitions: [{ kind: 'rule-set', key: d.ruleSetKey, version: d.ruleSetVersion }],
    });
    return { decisionId: id, status: 'accepted' as const, settlementId: out.settlementId, edited };
  });
}

/** A clerk rejects a suggestion, with a reason: nothing is posted, the receipt stays in the queue. */
export async function rejectSuggestion(deps: LedgerDeps, ctx: ActionCtx, id: string, input: { reason: string }) {
  return deps.db.transaction(async (tx) => {
    const d = await openSuggestion(tx, ctx.tenant.id, id);
    await repo.setDecisionStatus(tx, ctx.tenant.id, id, { status: 'rejected', decidedBy: ctx.actor.name });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'matching.reject',
      entityType: 'matching-decision',
      entityId: id,
      before: { status: 'open' },
      after: { status: 'rejected', reason: input.reason },
      definitions: [{ kind: 'rule-set', key: d.ruleSetKey, version: d.ruleSetVersion }],
    });
    return { decisionId: id, status: 'rejected' as const };
  });
}

/**
 * Gives a receipt posted without a customer its customer, by an insert-only assignment record (the posted
 * receipt is never updated): later runs and the queue see the receipt as that customer's. Only a receipt
 * nothing has been settled against yet; one posted for a customer is reversed and posted again instead.
 */
export async function assignReceipt(
  deps: LedgerDeps,
  ctx: ActionCtx,
  receiptId: string,
  input: { customerId: string; reason: string },
) {
  return deps.db.transaction(async (tx) => {
    const locked = (await lockOpenItems(tx, ctx.tenant.id, [receiptId])).get(receiptId);
    if (!locked || !['receipt', 'prepayment'].includes(locked.document.docType))
      throw new HexiaoError('not_found', `receipt ${receiptId} does not exist`);
    const r = locked.document;
    if (r.customerId)
      throw new HexiaoError(
        'conflict',
        `receipt ${r.number} was posted for a customer: reverse it and post it again to change its customer`,
      );
    if (r.reversesId) throw new HexiaoError('conflict', `${r.number} is a reversal`);
    if (locked.open.status !== 'open')
      throw new HexiaoError('conflict', `receipt ${r.number} is already settled in part or in full`);
    const customer = await findCustomer(tx, ctx.tenant.id, input.customerId);
    if (!customer) throw invalid('/customerId', 'is not a customer of this tenant');
    const before = await repo.receiptCustomer(tx, ctx.tenant.id, receiptId);
    const id = newId();
    await repo.insertAssignment(tx, {
      tenantId: ctx.tenant.id,
      id,
      receiptId,
      customerId: input.customerId,
      reason: input.reason,
      assignedBy: ctx.actor.name,
    });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'receipt.assign',
      entityType: 'receipt',
      entityId: receiptId,
      before: { customerId: before },
      after: { customerId: input.customerId, reason: input.reason, assignmentId: id },
    });
    return {
      assignmentId: id,
      receiptId,
      customer: { id: customer.id, code: customer.code, name: customer.name },
      reason: input.reason,
    };
  });
}

/**
 * The other side of the queue: open documents of a customer (and, with `group`, its subsidiaries) a receipt may
 * be allocated to, oldest due first, keyset-paged.
 */
export async function listQueueReceivables(
  db: Executor,
  tenantId: string,
  f: { customerId: string; group?: boolean; currency?: string; q?: string; cursor?: string; limit: number },
) {
  const customerIds = f.group ? await customerGroup(db, tenantId, f.customerId) : [f.customerId];
  const rows = await repo.queueReceivables(db, tenantId, {
    customerIds,
    currency: f.currency,
    q: f.q,
    after: parseCursor(f.cursor),
    limit: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      number: r.number,
      type: r.doc_type,
      side: r.side,
      customer: { id: r.customer_id, code: r.customer_code, name: r.customer_name },
      currency: r.currency,
      amount: money(r.amount, r.currency),
      open: money(r.open_amount, r.currency),
      documentDate: r.document_date,
      dueDate: r.due_date,
      orderRef: r.order_ref,
      reference: r.reference,
    })),
    next:
      rows.length > f.limit
        ? cursorOf({ document_date: page[page.length - 1]!.due_date, id: page[page.length - 1]!.id })
        : null,
  };
}

/**
 * Running totals of a manual allocation before it is posted: each line with the document's open amount before and
 * after and the total so far, what stays open on the receipt, and every problem the ledger would refuse (named by
 * pointer) — more than is open, another currency, a document outside the receipt's customer group. Reads only.
 */
export async function previewAllocation(
  db: Executor,
  tenantId: string,
  input: { receiptId: string; allocations: { documentId: string; amount: string }[] },
) {
  const ids = [input.receiptId, ...input.allocations.map((a) => a.documentId)];
  const [open, docs] = [await getOpenItems(db, tenantId, ids), await getDocuments(db, tenantId, ids)];
  const byId = new Map(docs.map((d) => [d.id, d]));
  const receipt = byId.get(input.receiptId);
  const receiptOpen = open.get(input.receiptId);
  if (!receipt || !receiptOpen || !['receipt', 'prepayment'].includes(receipt.docType))
    throw new HexiaoError('not_found', `receipt ${input.receiptId} does not exist`);
  const payer = await repo.receiptCustomer(db, tenantId, input.receiptId);
  const group = payer ? new Set(await customerGroup(db, tenantId, payer)) : null;
  const problems: { pointer: string; reason: string }[] = [];
  let total = new Decimal(0);
  const taken = new Map<string, Decimal>();
  const lines = input.allocations.map((a, i) => {
    const p = `/allocations/${i}`;
    const doc = byId.get(a.documentId);
    const o = open.get(a.documentId);
    if (!doc || !o) {
      problems.push({ pointer: `${p}/documentId`, reason: 'is not an open document of this tenant' });
      return { documentId: a.documentId, number: null, amount: a.amount, runningTotal: total.toFixed() };
    }
    if (o.side !== 'debit') problems.push({ pointer: `${p}/documentId`, reason: `${doc.number} is a credit document` });
    if (o.currency !== receiptOpen.currency)
      problems.push({
        pointer: `${p}/documentId`,
        reason: `${doc.number} is in ${o.currency}, the receipt in ${receiptOpen.currency}`,
      });
    if (group && doc.customerId && !group.has(doc.customerId))
      problems.push({
        pointer: `${p}/documentId`,
        reason: `${doc.number} belongs to a customer outside the receipt's customer group`,
      });
    const before = new Decimal(o.openAmount).minus(taken.get(a.documentId) ?? 0);
    const amount = new Decimal(a.amount);
    if (amount.gt(before))
      problems.push({
        pointer: `${p}/amount`,
        reason: `${a.amount} is more than the ${money(before.toFixed(), o.currency)} open on ${doc.number}`,
      });
    taken.set(a.documentId, (taken.get(a.documentId) ?? new Decimal(0)).plus(amount));
    total = total.plus(amount);
    return {
      documentId: a.documentId,
      number: doc.number,
      customerId: doc.customerId,
      openBefore: money(before.toFixed(), o.currency),
      amount: money(amount.toFixed(), o.currency),
      openAfter: money(before.minus(amount).toFixed(), o.currency),
      runningTotal: money(total.toFixed(), receiptOpen.currency),
    };
  });
  const receiptLeft = new Decimal(receiptOpen.openAmount).minus(total);
  if (receiptLeft.lt(0))
    problems.push({
      pointer: '/allocations',
      reason: `allocates ${money(total.toFixed(), receiptOpen.currency)}, more than the ${money(receiptOpen.openAmount, receiptOpen.currency)} open on ${receipt.number}`,
    });
  return {
    receipt: {
      id: receipt.id,
      number: receipt.number,
      currency: receiptOpen.currency,
      open: money(receiptOpen.openAmount, receiptOpen.currency),
      allocated: money(total.toFixed(), receiptOpen.currency),
      left: money(receiptLeft.toFixed(), receiptOpen.currency),
    },
    lines,
    problems,
    ok: problems.length === 0,
  };
}
