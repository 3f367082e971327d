import type { AccountMappingDocument } from './account-mapping.kind.ts';

/**
 * The built-in chart and posting rules, used until a tenant publishes an `account-mapping` definition.
 * Each rule gives the accounts a blue document of that type debits and credits; the side that faces the
 * customer is the clearing account its open item sits on. Tax goes to the account with role `vat`.
 */
export const defaultChart: AccountMappingDocument = {
  accounts: [
    { code: '1002', name: 'Bank', type: 'asset', role: 'bank' },
    { code: '1122', name: 'Accounts receivable', type: 'asset', role: 'ar' },
    { code: '1123', name: 'Estimated accounts receivable', type: 'asset', role: 'estimated-ar' },
    { code: '1129', name: 'FX revaluation of open items', type: 'asset', role: 'fx-revaluation' },
    { code: '1231', name: 'Allowance for bad debts', type: 'asset', role: 'allowance' },
    { code: '1811', name: 'Deferred tax assets', type: 'asset', role: 'deferred-tax-asset' },
    { code: '2203', name: 'Customer prepayments', type: 'liability', role: 'prepayments' },
    { code: '2205', name: 'Unbilled revenue', type: 'income', role: 'unbilled-revenue' },
    { code: '2221', name: 'VAT output', type: 'liability', role: 'vat' },
    { code: '2241', name: 'Unapplied cash', type: 'liability', role: 'unapplied-cash' },
    { code: '3901', name: 'Opening balance clearing', type: 'equity', role: 'opening-balance' },
    { code: '6001', name: 'Revenue', type: 'income', role: 'revenue' },
    { code: '6301', name: 'Non-operating income', type: 'income', role: 'non-operating-income' },
    { code: '6051', name: 'Penalty and interest income', type: 'income', role: 'other-income' },
    { code: '6061', name: 'FX gain', type: 'income', role: 'fx-gain' },
    { code: '6062', name: 'FX loss', type: 'expense', role: 'fx-loss' },
    { code: '6603', name: 'Sales discounts and rebates', type: 'expense', role: 'discounts' },
    { code: '6604', name: 'Bank charges', type: 'expense', role: 'bank-charges' },
    { code: '6702', name: 'Bad debt expense', type: 'expense', role: 'bad-debt-expense' },
    { code: '6711', name: 'Non-operating expenses and rounding differences', type: 'expense', role: 'rounding' },
    { code: '6801', name: 'Income tax expense', type: 'expense', role: 'income-tax' },
  ],
  rules: [
    { documentType: 'estimate', receivableType: '*', debit: '1123', credit: '2205' },
    { documentType: 'invoice', receivableType: '*', debit: '1122', credit: '6001' },
    { documentType: 'receipt', receivableType: '*', debit: '1002', credit: '2241' },
    { documentType: 'prepayment', receivableType: '*', debit: '1002', credit: '2203' },
    { documentType: 'refund', receivableType: '*', debit: '2241', credit: '1002' },
    { documentType: 'credit-note', receivableType: '*', debit: '6001', credit: '1122' },
    { documentType: 'adjustment:discount', receivableType: '*', debit: '6603', credit: '1122' },
    { documentType: 'adjustment:rebate', receivableType: '*', debit: '6603', credit: '1122' },
    { documentType: 'adjustment:bank-fee', receivableType: '*', debit: '6604', credit: '1122' },
    // the part of an imported invoice the old system already collected
    { documentType: 'adjustment:opening-balance', receivableType: '*', debit: '3901', credit: '1122' },
    { documentType: 'adjustment:penalty', receivableType: '*', debit: '1122', credit: '6051' },
    { documentType: 'adjustment:interest', receivableType: '*', debit: '1122', credit: '6051' },
    { documentType: 'adjustment:rounding', receivableType: '*', debit: '1122', credit: '6711' },
    // write-offs: the debit is the expense side; the item's own clearing account is credited (a credit item's
    // small balance is debited on its clearing account and credited to the rule's credit, income)
    { documentType: 'write-off:bad-debt', receivableType: '*', debit: '1231', credit: '1122' },
    { documentType: 'write-off:small-balance', receivableType: '*', debit: '6711', credit: '6301' },
    { documentType: 'write-off:direct', receivableType: '*', debit: '6711', credit: '1122' },
  ],
};

export const defaultChartKey = 'built-in-default';
