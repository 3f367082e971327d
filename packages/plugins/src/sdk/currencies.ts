import { iso4217 } from '@hexiao/dsl';

/** Every active ISO 4217 code → minor units (`null` where the standard gives none): the table @hexiao/dsl holds for every package. */
export { iso4217 };

/** True for an active ISO 4217 alphabetic code (upper case, exactly as the standard spells it). */
export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && iso4217.has(code);
}

/** Decimal places of a currency; 2 for codes without minor units; throws for an unknown code. */
export function minorUnits(code: string): number {
  const units = iso4217.get(code);
  if (units === undefined) throw new RangeError(`unknown currency "${code}" (not an ISO 4217 code)`);
  return units ?? 2;
}

/** Upper-cases and trims a currency code; returns undefined when it is not ISO 4217. */
export function normaliseCurrency(raw: string | undefined | null): string | undefined {
  if (raw == null) return undefined;
  const code = raw.trim().toUpperCase();
  return iso4217.has(code) ? code : undefined;
}
