import { moneyMinorUnits } from '../../../money/iso4217.ts';

/**
 * Decimal places of a currency's minor unit (ISO 4217, the table every package shares); `undefined` for text
 * that is not an active code with minor units.
 */
export function currencyPlaces(code: string): number | undefined {
  return moneyMinorUnits(code);
}
