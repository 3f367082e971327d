import type { ActionCtx } from '../context.ts';
import type { Db } from '../deps.ts';
import { isHexiaoError } from '../errors.ts';
import { postDocument, postDocuments, type LedgerDeps, type PostDocumentInput } from '../ledger/index.ts';
import { allocate, allocateMany, type AllocationLineInput } from '../settlement/index.ts';
import type { EngineDecision, LineRef } from './engine.ts';
import type { MatchReceipt } from './types.ts';

export interface PostOutcome {
  settlementId: string | null;
  adjustmentIds: string[];
  /** Why the ledger refused (an amount no longer open, a closed period): the decision stays unposted. */
  conflict?: string;
}

/** The adjustment documents a decision posts before its settlement (a bank fee, a discount it absorbs). */
export function adjustmentInputs(d: EngineDecision, receipt: MatchReceipt, postingDate: string): PostDocumentInput[] {
  return d.adjustments.map((a) => ({
    type: 'adjustment',
    adjustmentKind: a.kind,
    customerId: a.customerId,
    currency: a.currency,
    amount: a.amount,
    documentDate: postingDate,
    reference: `matching ${receipt.number}`.slice(0, 200),
    description: `${a.kind} absorbed by matching rule ${d.rule} for ${receipt.number}`.slice(0, 500),
  }));
}

/**
 * A decision's settlement lines with the documents they name (the adjustments by the ids they were posted
 * under), and the paying customer when it settles for its group.
 */
export function decisionLines(
  d: EngineDecision,
  receipt: Pick<MatchReceipt, 'id'>,
  adjustmentIds: readonly string[] = [],
): { lines: AllocationLineInput[]; customerId?: string } {
  const id = (r: LineRef) =>
    r.kind === 'document' ? r.id : r.kind === 'receipt' ? receipt.id : adjustmentIds[r.index]!;
  const lines = d.lines.map((l) => ({
    debitDocumentId: id(l.debit),
    creditDocumentId: id(l.credit),
    amount: l.amount,
    creditAmount: l.creditAmount,
  }));
  const needsGroup = d.allocations.some((a) => a.customerId && a.customerId !== d.customerId);
  return { lines, ...(needsGroup && d.customerId ? { customerId: d.customerId } : {}) };
}

/**
 * Posts one automatic decision through the ledger's locked path, in its own savepoint: the adjustments it
 * needs first, then one settlement whose lines are exactly the decision's. The open items are locked FOR
 * UPDATE by `allocate` and checked again, so a run and a clerk can never allocate the same open amount twice;
 * a refusal leaves nothing of this decision behind.
 */
export async function postDecision(
  deps: LedgerDeps,
  ctx: ActionCtx,
  d: EngineDecision,
  receipt: MatchReceipt,
  o: { postingDate: string; reason: string },
): Promise<PostOutcome> {
  try {
    return await deps.db.transaction(async (tx) => {
      const inner = { ...deps, db: tx as Db };
      const adjustmentIds: string[] = [];
      for (const a of adjustmentInputs(d, receipt, o.postingDate))
        adjustmentIds.push((await postDocument(inner, ctx, a)).document.id);
      const s = await allocate(inner, ctx, {
        ...decisionLines(d, receipt, adjustmentIds),
        postingDate: o.postingDate,
        reason: o.reason,
      });
      return { settlementId: s.settlement.id, adjustmentIds };
    });
  } catch (e) {
    if (!isHexiaoError(e)) throw e;
    return { settlementId: null, adjustmentIds: [], conflict: e.message };
  }
}

class AdjustedDecisionRefused extends Error {}

/**
 * Posts many same-currency decisions at once, in a savepoint of the caller's transaction: every adjustment
 * they need in one `postDocuments`, then one `allocateMany`. A refused decision that posted adjustments would
 * leave them behind, so then (or when an adjustment itself is refused) the savepoint is rolled back and
 * `null` returned: the caller posts those decisions one at a time instead.
 */
export async function postTogether(
  deps: LedgerDeps,
  ctx: ActionCtx,
  decisions: readonly { d: EngineDecision; receipt: MatchReceipt; postingDate: string; reason: string }[],
): Promise<PostOutcome[] | null> {
  try {
    return await deps.db.transaction(async (sp) => {
      const inner = { ...deps, db: sp as Db };
      const inputs = decisions.map((x) => adjustmentInputs(x.d, x.receipt, x.postingDate));
      const posted = inputs.some((i) => i.length) ? await postDocuments(inner, ctx, inputs.flat()) : [];
      let k = 0;
      const adjustmentIds = inputs.map((i) => i.map(() => posted[k++]!.document.id));
      const outcomes = await allocateMany(
        inner,
        ctx,
        decisions.map((x, i) => ({
          ...decisionLines(x.d, x.receipt, adjustmentIds[i]),
          postingDate: x.postingDate,
          reason: x.reason,
        })),
      );
      if (outcomes.some((o, i) => o.conflict && adjustmentIds[i]!.length)) throw new AdjustedDecisionRefused();
      return outcomes.map((o, i) => ({ ...o, adjustmentIds: o.settlementId ? adjustmentIds[i]! : [] }));
    });
  } catch (e) {
    if (e instanceof AdjustedDecisionRefused || isHexiaoError(e)) return null;
    throw e;
  }
}
