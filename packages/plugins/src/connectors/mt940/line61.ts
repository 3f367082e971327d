import { Mt940FieldError, swiftAmount, swiftDate } from './fields.ts';

export interface Line61 {
  valueDate: string;
  bookingDate: string;
  direction: 'credit' | 'debit';
  reversal: boolean;
  amount: string;
  transactionType: string;
  customerReference?: string;
  bankReference?: string;
  /** Supplementary details (second line of :61:), continuation lines joined. */
  supplementary?: string;
  /** What was assumed to read a line a bank wrote outside the standard (a missing or padded type code). */
  warnings?: string[];
}

// value date, [entry date MMDD or 4 blanks], D/C mark (RC/RD/C/D/EC/ED), [funds code], amount, then the rest
const re61 = /^(\d{6})(\d{4}|\s{4})?(RC|RD|EC|ED|C|D)([A-Z])?(\d[\d]*,\d*)(.*)$/;
// the type code: N, S or F and three characters; some banks pad a short one with a space (`NIT `)
const typeRe = /^([NSF][A-Z0-9]{3})|^([NSF][A-Z0-9]{2}) /;

/** The booking (entry) date: its year is the value date's, moved across a year end when needed. */
function entryDate(valueDate: string, mmdd: string): string {
  const year = Number(valueDate.slice(0, 4));
  const vMonth = Number(valueDate.slice(5, 7));
  const eMonth = Number(mmdd.slice(0, 2));
  const y = eMonth === 12 && vMonth === 1 ? year - 1 : eMonth === 1 && vMonth === 12 ? year + 1 : year;
  return swiftDate(`${String(y).slice(2)}${mmdd}`, '61');
}

/**
 * Parses a `:61:` statement line. `lines[0]` is the tag's own line, the rest its continuation lines.
 * A bank reference split over two lines (ING) is joined back when the continuation is short and plain.
 */
export function parse61(lines: string[]): Line61 {
  const first = lines[0]!;
  const m = re61.exec(first);
  if (!m)
    throw new Mt940FieldError('61', `:61: "${first.slice(0, 40)}" is not a statement line (date, D/C mark, amount)`);
  const [, vd, ed, mark, , rawAmount, after] = m;
  const valueDate = swiftDate(vd!, '61');
  const bookingDate = ed && ed.trim() ? entryDate(valueDate, ed) : valueDate;
  const reversal = mark === 'RC' || mark === 'RD';
  // RC = reversal of a credit (money out), RD = reversal of a debit (money in).
  const direction = mark === 'C' || mark === 'RD' || mark === 'EC' ? 'credit' : 'debit';
  const typed = typeRe.exec(after!);
  const warnings: string[] = [];
  let refs = after!;
  let transactionType = 'NMSC';
  if (typed?.[1]) {
    transactionType = typed[1];
    refs = after!.slice(4);
  } else if (typed?.[2]) {
    transactionType = typed[2];
    refs = after!.slice(4);
    warnings.push(`:61: type code "${typed[2]} " is padded with a space; read as ${typed[2]}`);
  } else warnings.push(`:61: has no transaction type code (N/S/F + 3 characters); read as NMSC (miscellaneous)`);
  const out: Line61 = {
    valueDate,
    bookingDate,
    direction,
    reversal,
    amount: swiftAmount(rawAmount!, '61'),
    transactionType,
  };
  if (warnings.length > 0) out.warnings = warnings;
  const sep = refs.indexOf('//');
  const customer = (sep === -1 ? refs : refs.slice(0, sep)).trim();
  let bank = sep === -1 ? '' : refs.slice(sep + 2).trim();
  const rest = lines.slice(1);
  if (
    bank &&
    bank.length < 16 &&
    rest.length > 0 &&
    /^[A-Za-z0-9]+$/.test(rest[0]!) &&
    bank.length + rest[0]!.length <= 16
  )
    bank += rest.shift();
  if (customer) out.customerReference = customer;
  if (bank) out.bankReference = bank;
  const supplementary = rest.join('').trim();
  if (supplementary) out.supplementary = supplementary;
  return out;
}
