import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import * as ledger from '../../domain/ledger/index.ts';
import * as recoveries from '../../domain/recoveries/index.ts';
import { date, deps, money, uuid } from './ledger-common.ts';

const recoveryBody = {
  type: 'object',
  additionalProperties: false,
  required: ['writeOffId', 'receiptId', 'reason'],
  properties: {
    writeOffId: uuid,
    receiptId: uuid,
    amount: money,
    receiptAmount: money,
    policy: { enum: [...recoveries.recoveryPolicies] },
    postingDate: date,
    reason: { type: 'string', minLength: 1, maxLength: 1000 },
    reference: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

/** Recoveries of written-off debts (坏账收回): cash received later on a debt the books wrote off. */
export function recoveryRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/recoveries',
        access: 'settlement.post',
        dataScope: 'unscoped-only',
        summary:
          "Recover (part of) a bad-debt or direct write-off from a receipt: a recovery document reinstates the receivable against the allowance (policy reinstate: Dr receivable, Cr allowance) or books it to non-operating income (policy income), and the receipt settles it at once; the policy is the published provision plan's recovery.policy, else the tenant setting, unless the body names one; never more than the write-off wrote off less its earlier recoveries",
        tags: ['write-offs'],
        body: recoveryBody,
        response: { status: 201 },
        idempotent: 'required',
      },
      async (c, { body }) =>
        idempotentPost(c, 'POST /recoveries', body, async (db) => {
          const r = await recoveries.postRecovery(deps(c, db), actionCtx(c), body);
          const base = c.get('tenant').baseCurrency;
          return {
            status: 201,
            body: {
              recovery: ledger.documentView(r.recovery, base),
              writeOff: r.writeOff,
              receivableId: r.receivableId,
              receiptId: r.receiptId,
              policy: r.policy,
              policySource: r.policySource.kind,
              voucher: ledger.voucherView(r.voucher),
              settlementId: r.settlementId,
              settlementVoucher: r.settlementVoucher ? ledger.voucherView(r.settlementVoucher) : null,
            },
          };
        }),
    )
    .add(
      {
        method: 'get',
        path: '/recoveries/candidates',
        access: 'settlement.read',
        dataScope: 'unscoped-only',
        summary:
          "A customer's written-off debts with something left to recover (bad-debt and direct write-offs, oldest first), and the recovery policy in force",
        tags: ['write-offs'],
        query: {
          type: 'object',
          additionalProperties: false,
          required: ['customerId'],
          properties: { customerId: { type: 'string', format: 'uuid' } },
        },
        response: { status: 200 },
      },
      async (c, { query }) => {
        const tenantId = c.get('tenant').id;
        const policy = await recoveries.recoveryPolicy(dbOf(c), tenantId);
        return json(c, 200, {
          policy: policy.policy,
          policySource: policy.source.kind,
          items: await recoveries.recoveryCandidates(dbOf(c), tenantId, [String(query.customerId)]),
        });
      },
    );
}
