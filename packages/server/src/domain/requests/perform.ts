import * as repo from '../../store/repos/requests.ts';
import { getOpenItems } from '../../store/repos/open-items.ts';
import { check } from '../../schema/ajv.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import { HexiaoError } from '../errors.ts';
import { boundAction, type BoundActionSpec } from '../forms/index.ts';
import { updateCustomer } from '../customers/index.ts';
import { numberedNo, postDebtTransfer, postWriteOff, type LedgerDeps } from '../ledger/index.ts';
import { dec } from '../money/index.ts';
import { writeOffShares } from './checks.ts';
import { postOverride, type OverrideInput } from './override.ts';
import { actionResult, type BoundActionResult } from './views.ts';

/** What the approval runtime hands over when an instance ends approved (ENGINES.md §2.3 invariant 3). */
export interface BoundActionCall {
  requestId: string;
  /** The flow instance: the effect key is `<instanceId>:on-approved`. */
  instanceId: string;
  /** The flow's `onApproved.action` (`post-bad-debt-write-off`) or the form's action name. */
  action: string;
  /** The evaluated `onApproved.input`; fields it lacks come from the request's validated submission. */
  input?: Record<string, unknown>;
}

export const effectKeyOf = (instanceId: string) => `${instanceId}:on-approved`;

const ledgerReason = (i: Record<string, unknown>) =>
  (i.explanation ? `${String(i.reason)}: ${String(i.explanation)}` : String(i.reason)).slice(0, 1000);

/** The action's input: the request's fields the action reads, overlaid by what the flow passes (not null). */
function inputOf(spec: BoundActionSpec, data: Record<string, unknown>, given: Record<string, unknown> = {}) {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(spec.input.properties)) {
    const v = given[k] !== undefined && given[k] !== null ? given[k] : data[k];
    if (v !== undefined && v !== null) out[k] = v;
  }
  return out;
}

/**
 * Performs a request's bound action once, in the caller's transaction (the final decision's: pass its
 * `db`): posts the write-off or the debt transfer through the ledger, numbered by the request so the
 * ledger itself refuses a second posting, and records the result under the effect key. Called again with
 * the same key it posts nothing and returns the first result (`replayed: true`); a second key for the same
 * request is refused (409). Refusals (an item settled meanwhile, a closed period) throw: the decision's
 * transaction must roll back.
 */
export async function performBoundAction(
  deps: LedgerDeps,
  ctx: ActionCtx,
  call: BoundActionCall,
): Promise<BoundActionResult> {
  if (typeof call.instanceId !== 'string' || !call.instanceId || call.instanceId.length > 200)
    throw new HexiaoError('invalid_data', 'instanceId must name the flow instance', { pointer: '/instanceId' });
  const effectKey = effectKeyOf(call.instanceId);
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    const request = await repo.findRequest(tx, tenantId, call.requestId, true);
    if (!request) throw new HexiaoError('not_found', `request ${call.requestId} does not exist`);
    const done = await repo.findRequestAction(tx, tenantId, request.id);
    if (done) {
      if (done.effectKey === effectKey) return actionResult(done, true);
      throw new HexiaoError(
        'conflict',
        `request ${request.number} already performed its action (effect ${done.effectKey}); it is never performed twice`,
      );
    }
    const spec = boundAction(call.action);
    if (!spec)
      throw new HexiaoError('invalid_data', `${call.action} is not a business action`, {
        pointer: '/onApproved/action',
      });
    if (spec.name !== request.action)
      throw new HexiaoError(
        'conflict',
        `the flow performs ${call.action}, but request ${request.number} was filed for ${request.action}`,
        { pointer: '/onApproved/action' },
      );
    if (!spec.performable) throw new HexiaoError('not_allowed', `${spec.name} cannot be performed yet`);
    const data = request.data as Record<string, unknown>;
    const input = inputOf(spec, data, call.input);
    const errors = check(spec.input, input, '/input');
    if (errors.length)
      throw new HexiaoError(
        'invalid_data',
        `the ${spec.name} input is invalid: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`,
        { errors },
      );
    const attachments = await repo.listAttachments(tx, tenantId, request.id);
    if (spec.evidence && attachments.length === 0)
      throw new HexiaoError('invalid_data', `request ${request.number} has no evidence attached`, {
        pointer: '/attachments',
      });
    const filed = new Set(
      [data.receivableIds, data.receivableId, data.customerId, data.receiptId]
        .flat()
        .filter((x): x is string => typeof x === 'string'),
    );
    const named = [input.receivableIds, input.receivableId, input.customerId, input.receiptId]
      .flat()
      .filter((x): x is string => typeof x === 'string');
    const stray = named.find((id) => !filed.has(id));
    if (stray)
      throw new HexiaoError('not_allowed', `receivable ${stray} is not among those request ${request.number} names`, {
        pointer: '/input',
      });
    const posted = await post(deps, tx, ctx, spec, input, request);
    const result = {
      action: spec.name,
      requestId: request.id,
      requestNumber: request.number,
      effectKey,
      documents: posted.documents,
      vouchers: posted.vouchers,
      ...(posted.changes ? { changes: posted.changes } : {}),
    };
    await repo.insertRequestAction(tx, {
      tenantId,
      effectKey,
      requestId: request.id,
      action: spec.name,
      input,
      result,
      performedBy: ctx.actor.name,
    });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'request.perform',
      entityType: 'request',
      entityId: request.id,
      after: result,
      definitions: [
        { kind: 'form', key: request.formKey, version: request.formVersion, contentHash: request.formHash },
      ],
    });
    const row = await repo.findRequestAction(tx, tenantId, request.id);
    return actionResult(row!, false);
  });
}

type Posted = Pick<BoundActionResult, 'documents' | 'vouchers' | 'changes'>;

async function post(
  deps: LedgerDeps,
  tx: LedgerDeps['db'],
  ctx: ActionCtx,
  spec: BoundActionSpec,
  input: Record<string, unknown>,
  request: { id: string; number: string },
): Promise<Posted> {
  const ledger = { ...deps, db: tx };
  if (spec.name === 'credit-limit-change') {
    const c = await updateCustomer(ledger, ctx, input.customerId as string, {
      creditLimit: input.creditLimit as string,
    });
    return { documents: [], vouchers: [], changes: { customerId: c.id, creditLimit: c.creditLimit } };
  }
  if (spec.name === 'settlement-override') {
    const r = await postOverride(
      ledger,
      ctx,
      {
        receiptId: input.receiptId as string,
        receivableIds: input.receivableIds as string[],
        amount: input.amount as string | undefined,
        adjustmentKind: input.adjustmentKind as OverrideInput['adjustmentKind'],
        postingDate: input.postingDate as string | undefined,
        reason: ledgerReason(input),
      },
      request,
    );
    const d = r.adjustment.document;
    return {
      documents: [
        { id: d.id, number: d.number, type: `adjustment:${d.adjustmentKind}`, amount: d.amount, currency: d.currency },
      ],
      vouchers: [numberedNo(r.adjustment.voucher), ...(r.settlement.voucher ? [numberedNo(r.settlement.voucher)] : [])],
      changes: { settlementId: r.settlement.settlement.id },
    };
  }
  if (spec.name === 'debt-transfer') {
    const r = await postDebtTransfer(ledger, ctx, {
      documentId: input.receivableId as string,
      amount: input.amount as string | undefined,
      toCustomerId: input.toCustomerId as string | undefined,
      toObjectType: input.toObjectType as string | undefined,
      dueDate: input.dueDate as string | undefined,
      postingDate: input.postingDate as string | undefined,
      reason: ledgerReason(input),
      request: { id: request.id, number: request.number },
    });
    return {
      documents: [r.out, r.in].map((d) => ({
        id: d.id,
        number: d.number,
        type: d.docType,
        amount: d.amount,
        currency: d.currency,
      })),
      vouchers: [numberedNo(r.voucher)],
    };
  }
  const ids = input.receivableIds as string[];
  const open = await getOpenItems(tx, ctx.tenant.id, ids);
  const shares = writeOffShares(
    ids.map((id) => ({
      documentId: id,
      open: dec(open.get(id)?.openAmount ?? '0'),
      currency: open.get(id)?.currency ?? '',
    })),
    input.amount as string | undefined,
    { amount: '/input/amount', item: (k) => `/input/receivableIds/${k}` },
  );
  const r = await postWriteOff(ledger, ctx, {
    kind: spec.name === 'bad-debt-write-off' ? 'bad-debt' : 'small-balance',
    items: shares,
    reason: ledgerReason(input),
    postingDate: input.postingDate as string | undefined,
    reference: request.number,
    number: request.number,
  });
  return {
    documents: r.items.map((i) => ({
      id: i.document.id,
      number: i.document.number,
      type: `write-off:${i.document.writeOffKind}`,
      amount: i.document.amount,
      currency: i.document.currency,
    })),
    vouchers: r.items.map((i) => numberedNo(i.voucher)),
  };
}
