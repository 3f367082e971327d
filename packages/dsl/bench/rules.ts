/** Realistic rules: matching (exact money + currency + date window), approval and provision. */

export const matchingRule = {
  and: [
    { 'dec=': [{ var: 'receipt.amount' }, { var: 'invoice.open_amount' }] },
    { '==': [{ var: 'receipt.currency' }, { var: 'invoice.currency' }] },
    { '<=': [{ days_between: [{ var: 'invoice.due_date' }, { var: 'receipt.value_date' }] }, 60] },
  ],
};

/** The same decision in plain JsonLogic (string equality on amounts, string comparison on dates). */
export const matchingRuleStandard = {
  and: [
    { '==': [{ var: 'receipt.amount' }, { var: 'invoice.open_amount' }] },
    { '==': [{ var: 'receipt.currency' }, { var: 'invoice.currency' }] },
    { '<=': [{ var: 'invoice.due_date' }, { var: 'receipt.value_date' }] },
  ],
};

export const approvalRule = {
  or: [
    { and: [{ 'dec>': [{ var: 'writeoff.amount' }, '5000.00'] }, { '!=': [{ var: 'customer.segment' }, 'key'] }] },
    { in: [{ var: 'customer.risk' }, ['D', 'E']] },
    { '>': [{ var: 'writeoff.days_past_due' }, 365] },
  ],
};

export const provisionRule = {
  dec_round: [
    {
      'dec*': [
        { var: 'invoice.open_amount' },
        {
          if: [
            { '<=': [{ var: 'days_past_due' }, 0] },
            '0.005',
            { '<=': [{ var: 'days_past_due' }, 30] },
            '0.02',
            { '<=': [{ var: 'days_past_due' }, 90] },
            '0.10',
            { '<=': [{ var: 'days_past_due' }, 180] },
            '0.35',
            '1.00',
          ],
        },
      ],
    },
    'EUR',
  ],
};

/** A ~200-node rule for the validate benchmark. */
export function bigRule(clauses = 20): unknown {
  const clause = (i: number) => ({
    and: [
      { 'dec>=': [{ var: 'receipt.amount' }, `${i}.00`] },
      { '<': [{ days_between: [{ var: 'invoice.due_date' }, { var: 'receipt.value_date' }] }, i] },
      { in: [{ var: 'customer.risk' }, ['A', 'B']] },
    ],
  });
  return { or: Array.from({ length: clauses }, (_, i) => clause(i)) };
}
