import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { Db } from '../../domain/deps.ts';
import { actionCtx, dbOf } from '../context.ts';
import { idempotentPost } from '../idempotency.ts';
import { uuidParam } from '../params.ts';
import * as ledger from '../../domain/ledger/index.ts';

export const decimal = { type: 'string', format: 'decimal' } as const;
/** An amount within the ledger's limits (the columns' numeric(20,4), see domain/money/limits.ts). */
export const money = { type: 'string', format: 'money' } as const;
/** An exchange rate as numeric(24,12) holds it. */
export const rate = { type: 'string', format: 'rate' } as const;
export const date = { type: 'string', format: 'date' } as const;
export const uuid = { type: 'string', format: 'uuid' } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

/** The body of a posted document (receivable or receipt); `types` narrows the document types of the route. */
export function documentBody<const T extends readonly string[]>(types: T) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['currency', 'amount', 'documentDate', ...(types.length > 1 ? ['type'] : [])],
    properties: {
      type: { enum: types },
      adjustmentKind: { enum: [...ledger.adjustmentKinds] },
      side: { enum: ['debit', 'credit'] },
      objectType: text(128),
      number: text(64),
      customerId: { anyOf: [uuid, { type: 'null' }] },
      bankAccountId: uuid,
      currency: { type: 'string', format: 'currency' },
      amount: money,
      taxAmount: money,
      fxRate: rate,
      rateType: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,31}$' },
      documentDate: date,
      postingDate: date,
      valueDate: date,
      dueDate: date,
      orderRef: text(128),
      deliveryRef: text(128),
      reference: text(256),
      description: text(1000),
      custom: { type: 'object' },
      relievesEstimates: {
        type: 'array',
        maxItems: 100,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['estimateId', 'amount'],
          properties: { estimateId: uuid, amount: money },
        },
      },
    },
  } as const;
}

export const reversalBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: text(1000), postingDate: date },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    customerId: { type: 'string', format: 'uuid' },
    type: { type: 'string', maxLength: 40 },
    before: { type: 'string', format: 'uuid' },
    limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
  },
} as const;

export const deps = (c: Context<AppEnv>, db?: Db): ledger.LedgerDeps => ({
  db: db ?? dbOf(c),
  auditKey: c.get('deps').config.auditKey,
});

export function postedView(c: Context<AppEnv>, r: ledger.PostedDocument) {
  const base = c.get('tenant').baseCurrency;
  return {
    document: ledger.documentView(r.document, base, r.openItem),
    voucher: ledger.voucherView(r.voucher),
    reliefs: r.reliefs.map((x) => ({
      document: ledger.documentView(x.document, base),
      voucher: ledger.voucherView(x.voucher),
      settlementId: x.settlementId,
    })),
    warnings: r.warnings,
  };
}

/** POST …/:id/reversal of a document of the given types (idempotent). */
export async function reverseDocumentHandler(
  c: Context<AppEnv>,
  route: string,
  types: readonly string[],
  body: { reason: string; postingDate?: string },
) {
  const id = uuidParam(c.req.param('id'), 'document');
  const tenant = c.get('tenant');
  await ledger.getDocumentDetail(dbOf(c), tenant, id, types);
  return idempotentPost(c, route, { id, body }, async (db) => {
    const r = await ledger.reverseDocument(deps(c, db), actionCtx(c), { documentId: id, ...body });
    return {
      status: 201,
      body: {
        original: ledger.documentView(r.original, tenant.baseCurrency),
        reversal: ledger.documentView(r.reversal, tenant.baseCurrency),
        voucher: ledger.voucherView(r.voucher),
      },
    };
  });
}
