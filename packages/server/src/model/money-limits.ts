/**
 * The SQL shapes of money, the one source of every amount limit: store/schema/types.ts declares the columns
 * with them (store/schema-drift.test.ts checks the migrations agree) and domain/money/limits.ts derives the
 * limits the API and the use-cases enforce from them.
 */
/** Ledger amounts (documents, open items, settlements, vouchers, credit limits): numeric(20,4). */
export const moneyColumn = { precision: 20, scale: 4 } as const;
/** Exchange rates: numeric(24,12). */
export const rateColumn = { precision: 24, scale: 12 } as const;
/** Amounts as a bank file states them (up to 6 decimals, the same 16 integer digits): numeric(22,6). */
export const bankAmountColumn = { precision: 22, scale: 6 } as const;
