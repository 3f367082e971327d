import type { RuleSetDocument } from './rule-set-schema.ts';

export const defaultRuleSetKey = 'default';

/** Text that says a discount was taken (English, German, French, Chinese). */
const mentionsDiscount = {
  or: ['discount', 'skonto', 'escompte', '折扣', '现金折扣', '贴现'].map((w) => ({
    contains: [{ var: 'receipt.text' }, w, true],
  })),
};

/**
 * The rule set every tenant starts from (ENGINES.md §1.5): strong keys first, each stage only for receipts the
 * earlier ones left. Thresholds follow the evidence points: a document number with the exact amount (45 + 25) or
 * with the payer's account (45 + 30) posts; the payer's account with one open item of the exact amount (30 + 25)
 * posts; a subset, a tolerance or an oldest-first allocation without a reference is weaker.
 */
export const defaultRuleSet: RuleSetDocument = {
  title: 'Default matching rules',
  description:
    'End-to-end id, structured reference, document numbers in the text (with a discount rule and bank-fee tolerance), ' +
    'then the identified payer: exact amount, amount within tolerance, a unique set of open items, oldest first.',
  suggestThreshold: 50,
  rules: [
    {
      name: 'end-to-end-id',
      title: 'End-to-end id of our payment request',
      stage: 'end-to-end',
      mode: 'auto',
      threshold: 90,
    },
    {
      name: 'structured-reference',
      title: 'Structured creditor reference (RF, QR, OGM)',
      stage: 'structured-reference',
      mode: 'auto',
      threshold: 85,
      tolerance: { absolute: '10.00', relative: '0.001', adjustment: 'bank-fee' },
    },
    {
      name: 'reference-with-discount',
      title: 'Document number, early-payment discount taken',
      stage: 'document-reference',
      mode: 'auto',
      threshold: 70,
      filter: mentionsDiscount,
      tolerance: { relative: '0.03', adjustment: 'discount' },
      partial: false,
      overpayment: false,
    },
    {
      name: 'document-reference',
      title: 'Invoice, order or contract number in the text',
      stage: 'document-reference',
      mode: 'auto',
      threshold: 70,
      tolerance: { absolute: '10.00', relative: '0.001', adjustment: 'bank-fee' },
    },
    {
      name: 'payer-exact-amount',
      title: 'Identified payer, one open item of the exact amount',
      stage: 'amount',
      mode: 'auto',
      threshold: 55,
    },
    {
      name: 'payer-within-tolerance',
      title: 'Identified payer, one open item within the bank-fee tolerance',
      stage: 'tolerance',
      mode: 'suggest',
      threshold: 70,
      tolerance: { absolute: '10.00', relative: '0.001', adjustment: 'bank-fee' },
    },
    {
      name: 'payer-open-items-subset',
      title: 'Identified payer, one set of open items that adds up',
      stage: 'subset',
      mode: 'auto',
      threshold: 65,
      subset: { maxItems: 24, maxPick: 4, nodeBudget: 200000 },
    },
    {
      name: 'payer-oldest-first',
      title: 'Identified payer, oldest due first',
      stage: 'allocation',
      mode: 'suggest',
      allocation: 'oldest-due',
    },
  ],
};
