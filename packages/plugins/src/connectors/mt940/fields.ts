import { isCurrency, toDecimal, InputError } from '@hexiao/plugins/sdk';
import type { Balance } from '@hexiao/plugins/sdk';

/** A problem with one field: the statement line (or statement) is rejected with this reason. */
export class Mt940FieldError extends InputError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** YYMMDD → YYYY-MM-DD (years 80–99 are 19xx). */
export function swiftDate(yymmdd: string, field: string): string {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(yymmdd);
  if (!m) throw new Mt940FieldError(field, `"${yymmdd}" is not a YYMMDD date`);
  const year = Number(m[1]) >= 80 ? `19${m[1]}` : `20${m[1]}`;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31)
    throw new Mt940FieldError(field, `"${yymmdd}" is not a valid date`);
  return `${year}-${m[2]}-${m[3]}`;
}

/** `1,56` / `000000004433,52` / `9,` → canonical decimal. */
export function swiftAmount(raw: string, field: string): string {
  try {
    return toDecimal(raw, { decimalSeparator: ',', allowSign: false });
  } catch {
    throw new Mt940FieldError(field, `"${raw}" is not an MT940 amount`);
  }
}

/** `:60F:C140219EUR662,23` → signed balance. */
export function balance(tag: string, value: string): Balance {
  const m = /^([CD])(\d{6})([A-Z]{3})([\d,]+)$/.exec(value.replace(/\s+/g, ''));
  if (!m) throw new Mt940FieldError(tag, `:${tag}: "${value}" is not a balance (D/C mark, YYMMDD, currency, amount)`);
  const [, mark, date, currency, raw] = m;
  if (!isCurrency(currency))
    throw new Mt940FieldError(tag, `unknown currency "${currency}" in :${tag}: (not an ISO 4217 code)`);
  const amount = swiftAmount(raw!, tag);
  const negative = mark === 'D' && !/^0(\.0+)?$/.test(amount);
  return { amount: negative ? `-${amount}` : amount, currency: currency!, date: swiftDate(date!, tag), code: tag };
}

/** `:25:` → account: an IBAN (optionally followed by a currency), else BIC/number/currency or a plain number. */
export function accountOf(value: string): { iban?: string; number?: string; bic?: string; currency?: string } {
  const v = value.trim();
  // An IBAN-shaped account, optionally followed by its currency (ING writes `NL77INGB0574908765EUR`).
  const iban = /^([A-Z]{2}\d{2}[A-Z0-9]{10,30}?)\s*([A-Z]{3})?$/.exec(v);
  if (iban && (isIbanLike(iban[1]!) || (iban[2] && isCurrency(iban[2])))) {
    const out: { iban: string; currency?: string } = { iban: iban[1]! };
    if (iban[2] && isCurrency(iban[2])) out.currency = iban[2];
    return out;
  }
  const parts = v.split('/');
  if (parts.length === 3 && /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(parts[0]!) && isCurrency(parts[2]!))
    return { bic: parts[0]!, number: parts[1]!, currency: parts[2]! };
  return { number: v };
}

/** ISO 13616 check (mod 97). */
export function isIbanLike(s: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const code = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of code) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem === 1;
}
