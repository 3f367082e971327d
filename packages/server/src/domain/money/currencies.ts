import { iso4217, moneyMinorUnits } from '@hexiao/dsl';

/**
 * Currencies the ledger posts: active ISO 4217 codes with minor units, from the one table every package shares
 * (@hexiao/dsl). Codes without minor units in the standard (metals, SDR, test codes) are not money here.
 */

/** Minor units of an ISO 4217 currency, or undefined when the code is unknown or carries none. */
export const minorUnits = (currency: string): number | undefined => moneyMinorUnits(currency);

export const isCurrency = (code: string): boolean => moneyMinorUnits(code) !== undefined;

export const currencyCodes = (): string[] =>
  [...iso4217.entries()]
    .filter(([, units]) => units !== null)
    .map(([code]) => code)
    .sort();
