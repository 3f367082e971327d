/**
 * ISO 4217 active currency codes and their minor units (digits after the decimal point), as data.
 * Codes without minor units in the standard (metals, SDR, test codes) are not money the ledger posts.
 */
const byUnits: Record<number, string> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  3: 'BHD IQD JOD KWD LYD OMR TND',
  4: 'CLF UYW',
  2: `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD
      CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP
      GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL
      MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN
      QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY
      TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL`,
};

const table: ReadonlyMap<string, number> = new Map(
  Object.entries(byUnits).flatMap(([units, codes]) =>
    codes
      .trim()
      .split(/\s+/)
      .map((c) => [c, Number(units)] as const),
  ),
);

/** Minor units of an ISO 4217 currency, or undefined when the code is unknown or carries none. */
export const minorUnits = (currency: string): number | undefined => table.get(currency);

export const isCurrency = (code: string): boolean => table.has(code);

export const currencyCodes = (): string[] => [...table.keys()].sort();
