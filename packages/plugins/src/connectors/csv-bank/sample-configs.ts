import type { CsvBankConfig } from './config.ts';

/**
 * Configs that read the shared sample exports (also a gallery of mappings for implementers).
 * Keys are the sample file names.
 */
export const sampleConfigs: Record<string, Partial<CsvBankConfig>> = {
  'oca-paypal-activity_en.csv': { preset: 'paypal' },
  'hledger-stripe.csv': { preset: 'stripe' },
  'oca-adyen-settlement_detail_report_batch_380.csv': { preset: 'adyen' },
  /** Spanish CSB43 (Norma 43) flattened: signed amount, statement totals repeated on every row. */
  'hledger-csb43.csv': {
    account: { number: '1234-5678-90-1234567890' },
    columns: {
      bookingDate: 'transaction_date',
      valueDate: 'value_date',
      amount: 'amount',
      currency: 'currency',
      bankReference: 'document_number',
      customerReference: 'reference1',
      transactionCode: 'shared_item',
      remittance: ['item1', 'item2'],
    },
  },
  /** French sample in Windows-1252 with a year/month/day date without leading zeros. */
  'hledger-sample.fr.cp1252.csv': {
    encoding: 'cp1252',
    currency: 'EUR',
    dateFormat: 'YYYY/M/D',
    columns: { bookingDate: 'Date', amount: 'Montant', remittance: ['Remarque'] },
  },
  /** French bank export: 4 metadata lines, separate Debit/Credit columns, decimal comma, balance footer. */
  'oca-meta_data_separated_credit_debit.csv': {
    skipLines: 4,
    currency: 'EUR',
    dateFormat: 'DD/MM/YY',
    decimalSeparator: ',',
    account: { number: '08088804068' },
    ignoreRowsMatching: '^Balance at ',
    columns: {
      bookingDate: 'Date',
      debit: 'Debit',
      credit: 'Credit',
      bankReference: 'Operation Number',
      remittance: ['Label', 'Detail'],
    },
  },
  /** Generic layout with US dates, per-row currency and thousands separators. */
  'oca-sample_statement_en.csv': {
    dateFormat: 'MM/DD/YYYY',
    thousandsSeparator: ',',
    columns: {
      bookingDate: 'Date',
      amount: 'Amount',
      currency: 'Currency',
      counterpartyName: 'Partner Name',
      counterpartyAccount: 'Bank Account',
      remittance: ['Label'],
    },
  },
};
