import { ledgerSetup } from '../ledger/setup.ts';
import { postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import { allocate } from '../../packages/server/src/domain/settlement/index.ts';
import { publishDraft, saveDraft } from '../../packages/server/src/domain/definitions/index.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';

export type AgingSetup = Awaited<ReturnType<typeof ledgerSetup>>;

/** An invoice of `amount` CNY posted on `date` (its document and posting date), due on `due`. */
export async function invoice(
  s: AgingSetup,
  customerId: string,
  number: string,
  amount: string,
  date: string,
  due: string,
  custom?: Record<string, string>,
) {
  return (
    await postDocument(s.deps, s.ctx, {
      type: 'invoice',
      number,
      customerId,
      currency: 'CNY',
      amount,
      documentDate: date,
      postingDate: date,
      dueDate: due,
      ...(custom ? { custom } : {}),
    })
  ).document.id;
}

/** A receipt of `amount` CNY on `date`, allocated to the invoice that day. */
export async function pay(
  s: AgingSetup,
  customerId: string,
  invoiceId: string,
  amount: string,
  date: string,
  number?: string,
) {
  const r = await postDocument(s.deps, s.ctx, {
    type: 'receipt',
    customerId,
    currency: 'CNY',
    amount,
    documentDate: date,
    postingDate: date,
    ...(number ? { number } : {}),
  });
  await allocate(s.deps, s.ctx, {
    postingDate: date,
    lines: [{ debitDocumentId: invoiceId, creditDocumentId: r.document.id, amount }],
  });
}

/** Publishes a definition (draft, then publish) as the system actor. */
export async function publish(s: AgingSetup, kind: string, key: string, document: unknown) {
  await saveDraft(s.deps, s.ctx, { kind, key, document });
  return publishDraft(s.deps, s.ctx, kind, key);
}

/** The dates the six T0 choices read, kept on receivables as custom fields of the `receivable` object type. */
export const commercialDates = {
  appliesTo: 'receivable',
  fields: {
    type: 'object',
    properties: Object.fromEntries(
      ['orderDate', 'shipmentDate', 'revenueDate', 'estimateDate', 'manualDate'].map((f) => [
        f,
        { type: 'string', format: 'date' },
      ]),
    ),
  },
};

/** A customer row of the setup's tenant coded `code` and named `Customer <code>`, for insertCustomers. */
export const customerRow = (s: AgingSetup, code: string, o: { parentId?: string; region?: string } = {}) => ({
  tenantId: s.tenant.id,
  id: newId(),
  code,
  name: `Customer ${code}`,
  custom: {},
  status: 'active',
  ...o,
});
