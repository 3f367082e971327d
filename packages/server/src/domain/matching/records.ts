import type { DataSchema } from '@hexiao/dsl';
import { customerSchema, documentSchema } from '../rules/index.ts';
import { fromMinor } from './minor.ts';
import type { Item } from './candidate-index.ts';
import type { MatchCustomer, MatchReceipt } from './types.ts';

const text = (description: string) => ({ type: ['string', 'null'], description });

/** What a rule's filter and score read: the receipt with its bank line, one candidate, its customer, all candidates. */
export function matchDataSchema(): DataSchema {
  const receipt = documentSchema('receipt', undefined, true) as { properties: Record<string, DataSchema> };
  const receivable = documentSchema('receivable', undefined, true);
  return {
    type: 'object',
    properties: {
      receipt: {
        ...receipt,
        properties: {
          ...receipt.properties,
          endToEndId: text('end-to-end id of the bank line'),
          bankReference: text("the bank's reference of the line"),
          creditorReference: text('structured creditor reference'),
          payerName: text("payer's name on the bank line"),
          payerAccount: text("payer's account (IBAN or account number)"),
          text: text('remittance information, reference and description together'),
        },
      },
      receivable,
      customer: customerSchema(undefined, true),
      candidates: { type: 'array', items: receivable, description: 'the candidate receivables of the stage' },
    },
  };
}

export const receiptRecord = (r: MatchReceipt) => ({
  id: r.id,
  type: 'receipt',
  number: r.number,
  customerId: r.customerId,
  currency: r.currency,
  amount: r.amount,
  openAmount: r.amount,
  documentDate: r.documentDate,
  valueDate: r.valueDate,
  endToEndId: r.endToEndId,
  bankReference: r.bankReference,
  creditorReference: r.creditorReference,
  payerName: r.payerName,
  payerAccount: r.payerAccount,
  text: r.text ?? '',
  reference: r.creditorReference,
  description: r.text,
});

export const itemRecord = (it: Item) => ({
  id: it.id,
  type: it.src.docType,
  number: it.src.number,
  customerId: it.customerId,
  currency: it.currency,
  amount: it.src.amount,
  openAmount: fromMinor(it.rem, it.currency),
  documentDate: it.src.documentDate,
  dueDate: it.src.dueDate,
  orderRef: it.src.orderRef,
  reference: it.src.reference,
  custom: it.src.custom ?? {},
});

export const customerRecord = (c: MatchCustomer | undefined) =>
  c ? { id: c.id, code: c.code, name: c.name, taxId: c.taxId, parentId: c.parentId } : null;
