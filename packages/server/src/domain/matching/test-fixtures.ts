import { defaultRuleSet } from './default-rule-set.ts';
import type { RuleSetDocument } from './rule-set-schema.ts';
import type { MatchCustomer, MatchItem, MatchReceipt, MatchSnapshot, RuleSetRef } from './types.ts';

/** Small builders for engine tests: ids are readable, dates fixed. */
export const customer = (id: string, over: Partial<MatchCustomer> = {}): MatchCustomer => ({
  id,
  code: id.toUpperCase(),
  name: `${id} Trading Co., Ltd.`,
  taxId: null,
  parentId: null,
  accounts: [`DE00${id.toUpperCase()}`],
  ...over,
});

export const invoice = (
  number: string,
  customerId: string,
  amount: string,
  over: Partial<MatchItem> = {},
): MatchItem => ({
  id: `doc-${number}`,
  customerId,
  docType: 'invoice',
  side: 'debit',
  number,
  currency: 'EUR',
  amount,
  open: amount,
  documentDate: '2026-01-10',
  dueDate: '2026-02-10',
  orderRef: null,
  reference: null,
  ...over,
});

export const creditNote = (
  number: string,
  customerId: string,
  amount: string,
  over: Partial<MatchItem> = {},
): MatchItem => invoice(number, customerId, amount, { docType: 'credit-note', side: 'credit', ...over });

let seq = 0;
export const receipt = (amount: string, over: Partial<MatchReceipt> = {}): MatchReceipt => {
  seq++;
  return {
    id: `rct-${String(seq).padStart(4, '0')}`,
    number: `RCT-${String(seq).padStart(4, '0')}`,
    customerId: null,
    currency: 'EUR',
    amount,
    documentDate: '2026-02-01',
    valueDate: '2026-02-01',
    endToEndId: null,
    bankReference: `BANK-${seq}`,
    creditorReference: null,
    payerName: null,
    payerAccount: null,
    text: null,
    ...over,
  };
};

export const snapshot = (s: Partial<MatchSnapshot>): MatchSnapshot => ({
  customers: [],
  items: [],
  receipts: [],
  ...s,
});

export const ruleSet = (document: RuleSetDocument = defaultRuleSet): RuleSetRef => ({
  key: 'default',
  version: 1,
  document,
});
