/**
 * BAI2 type codes: 010–099 balances, 100 total credits, 101–399 credits, 400 total debits, 401–699
 * debits, 700–999 customised (900–959 read as credits, 960–999 as debits unless configured).
 */
export function directionOf(
  typeCode: string,
  overrides: Record<string, 'credit' | 'debit'> = {},
): 'credit' | 'debit' | undefined {
  const forced = overrides[typeCode];
  if (forced) return forced;
  const n = Number(typeCode);
  if (!Number.isInteger(n)) return undefined;
  if (n >= 100 && n <= 399) return 'credit';
  if (n >= 400 && n <= 699) return 'debit';
  if (n >= 900 && n <= 959) return 'credit';
  if (n >= 960 && n <= 999) return 'debit';
  return undefined;
}

/** Detail codes that report a return, rejection or reversal (BAI2 code list). */
const returnCodes: Record<string, string> = {
  '252': 'Debit Reversal',
  '255': 'Check Posted and Returned',
  '257': 'Individual ACH Return Item',
  '258': 'ACH Reversal Credit',
  '261': 'Individual Rejected Credit',
  '266': 'Return Item',
  '268': 'Return Item Adjustment',
  '395': 'Check Reversal',
  '555': 'Deposited Item Returned',
  '557': 'Individual ACH Return Item',
  '558': 'ACH Reversal Debit',
  '561': 'Individual Rejected Debit',
  '566': 'Return Item',
  '568': 'Return Item Adjustment',
};

/** The return description when the code (or the bank's text) says the line is a return or reversal. */
export function returnOf(typeCode: string, text: string): string | undefined {
  if (returnCodes[typeCode]) return returnCodes[typeCode];
  if (/\b(RETURN(ED)?|REJECT(ED)?|REVERSAL)\b/i.test(text)) return 'return (from the bank text)';
  return undefined;
}
