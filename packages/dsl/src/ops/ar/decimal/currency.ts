/** ISO 4217 minor units that differ from 2 (the default). */
const minorUnits: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Decimal places of a currency's minor unit (ISO 4217); `undefined` for text that is not a currency code. */
export function currencyPlaces(code: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(code)) return undefined;
  return Object.hasOwn(minorUnits, code) ? minorUnits[code] : 2;
}
