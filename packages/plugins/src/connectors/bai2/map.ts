import { isCurrency, minorUnits, InputError } from '@hexiao/plugins/sdk';
import type { Balance } from '@hexiao/plugins/sdk';

export class Bai2FieldError extends InputError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** `000000000002500` CAD → `25.00`; amounts are in the currency's minor unit, optionally signed. */
export function fromMinor(raw: string, currency: string, field: string): string {
  const m = /^([+-]?)(\d+)$/.exec(raw.trim());
  if (!m) throw new Bai2FieldError(field, `amount "${raw}" is not a whole number of minor units`);
  if (!isCurrency(currency))
    throw new Bai2FieldError('currency', `unknown currency "${currency}" (not an ISO 4217 code)`);
  const units = minorUnits(currency);
  const digits = m[2]!.replace(/^0+(?=\d)/, '').padStart(units + 1, '0');
  const value = units ? `${digits.slice(0, -units)}.${digits.slice(-units)}` : digits;
  const zero = /^0(\.0+)?$/.test(value);
  return m[1] === '-' && !zero ? `-${value}` : value;
}

/** YYMMDD → YYYY-MM-DD. */
export function baiDate(raw: string, field: string): string {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(raw.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31)
    throw new Bai2FieldError(field, `"${raw}" is not a YYMMDD date`);
  return `${Number(m[1]) >= 80 ? '19' : '20'}${m[1]}-${m[2]}-${m[3]}`;
}

/** Number of extra fields a funds type adds (S: 3 amounts, V: date + time, D: n + n pairs). */
function fundsExtra(f: string[], at: number): number {
  const type = (f[at] ?? '').toUpperCase();
  if (type === 'S') return 3;
  if (type === 'V') return 2;
  if (type === 'D') return 1 + 2 * (Number(f[at + 1]) || 0);
  return 0;
}

export interface Detail16 {
  typeCode: string;
  amount: string;
  fundsType: string;
  valueDate?: string;
  bankReference?: string;
  customerReference?: string;
  text: string[];
}

/** Parses a `16` transaction detail; its text field (last) may contain commas. */
export function parseDetail(body: string, continuations: string[], currency: string): Detail16 {
  const f = body.split(',');
  const typeCode = (f[0] ?? '').trim();
  if (!/^\d{3}$/.test(typeCode)) throw new Bai2FieldError('16/type', `type code "${typeCode}" is not three digits`);
  const rawAmount = (f[1] ?? '').trim().replace(/\/$/, '');
  if (rawAmount === '') throw new Bai2FieldError('16/amount', 'the detail has no amount');
  const amount = fromMinor(rawAmount, currency, '16/amount');
  if (amount.startsWith('-')) throw new Bai2FieldError('16/amount', `detail amount "${rawAmount}" is negative`);
  const fundsType = (f[2] ?? '').trim();
  const extra = fundsExtra(f, 2);
  const out: Detail16 = { typeCode, amount, fundsType, text: [] };
  if (fundsType.toUpperCase() === 'V' && f[3]?.trim()) out.valueDate = baiDate(f[3], '16/value date');
  const refAt = 3 + extra;
  const rest = f.slice(refAt);
  const strip = (s: string | undefined) => (s ?? '').trim().replace(/\/$/, '').trim();
  const bank = strip(rest[0]);
  const customer = strip(rest[1]);
  const text = rest.length > 2 ? strip(rest.slice(2).join(',')) : '';
  if (bank) out.bankReference = bank;
  if (customer) out.customerReference = customer;
  if (text) out.text.push(text.replace(/\s+/g, ' '));
  for (const c of continuations) {
    const t = c.replace(/\/$/, '').replace(/\s+/g, ' ').trim();
    if (t) out.text.push(t);
  }
  return out;
}

export interface AccountSummary {
  account: string;
  currency?: string;
  balances: Balance[];
  /** Summary totals: type 100 (credits) and 400 (debits), amounts and item counts. */
  credits?: { amount: string; count?: number };
  debits?: { amount: string; count?: number };
}

/** Parses a `03` account identifier record (with its `88` continuations): balances and summaries. */
export function parseAccount(
  body: string,
  continuations: string[],
  groupCurrency: string,
  date: string | undefined,
): AccountSummary {
  const f = [body, ...continuations]
    .map((b) => b.replace(/\/\s*$/, ''))
    .join(',')
    .split(',')
    .map((x) => x.trim());
  const account = f[0] ?? '';
  if (!account) throw new Bai2FieldError('03/account', 'the account record has no account number');
  const currency = f[1] || groupCurrency;
  const out: AccountSummary = { account, currency, balances: [] };
  let i = 2;
  while (i < f.length) {
    const type = f[i];
    if (!type) {
      i++;
      continue;
    }
    const amount = f[i + 1] ?? '';
    const count = f[i + 2] ?? '';
    const step = 4 + fundsExtra(f, i + 3);
    if (amount !== '' && /^\d{3}$/.test(type)) {
      const value = fromMinor(amount, currency, `03/${type}`);
      const n = Number(type);
      if (n < 100) out.balances.push({ amount: value, currency, code: type, ...(date ? { date } : {}) });
      else if (n === 100) out.credits = { amount: value, ...(count ? { count: Number(count) } : {}) };
      else if (n === 400) out.debits = { amount: value, ...(count ? { count: Number(count) } : {}) };
    }
    i += step;
  }
  return out;
}
