import { Decimal } from '@hexiao/dsl';
import { canonical, iso4217, isUsableReference, normaliseCurrency, toDecimal, InputError } from '@hexiao/plugins/sdk';
import type { BankLineRecord, Counterparty, Money } from '@hexiao/plugins/sdk';
import type { ColumnRef, CsvBankConfig } from './config.ts';
import { ColumnIndex } from './columns.ts';

export class CsvRowError extends InputError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

export type LineDraft = Omit<
  BankLineRecord,
  'type' | 'sourceKey' | 'statementKey' | 'account' | 'ordinal' | 'position'
>;

const ibanRe = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;

/** Maps one CSV row to a bank-line draft; throws CsvRowError naming the column and the reason. */
export function mapRow(
  row: string[],
  cols: ColumnIndex,
  config: CsvBankConfig,
  dates: { booking: (s: string) => string | undefined; value: (s: string) => string | undefined },
): LineDraft {
  const c = config.columns;
  const num = (raw: string, field: string) => {
    try {
      return toDecimal(raw, {
        decimalSeparator: config.decimalSeparator ?? '.',
        thousandsSeparator: config.thousandsSeparator ?? '',
      });
    } catch {
      throw new CsvRowError(
        field,
        `${field} "${raw}" is not an amount (decimal separator "${config.decimalSeparator ?? '.'}")`,
      );
    }
  };
  const name = (ref: ColumnRef | undefined) => (Array.isArray(ref) ? ref.join(' | ') : String(ref));

  const rawDate = cols.get(row, c.bookingDate);
  if (!rawDate) throw new CsvRowError(name(c.bookingDate), `booking date (${name(c.bookingDate)}) is empty`);
  const bookingDate = dates.booking(rawDate);
  if (!bookingDate)
    throw new CsvRowError(
      name(c.bookingDate),
      `"${rawDate}" is not a date in the format ${config.dateFormat ?? 'YYYY-MM-DD'}`,
    );

  let amount: string;
  let direction: 'credit' | 'debit';
  if (c.debit !== undefined || c.credit !== undefined) {
    const credit = cols.get(row, c.credit);
    const debit = cols.get(row, c.debit);
    const cr = credit ? num(credit, name(c.credit)) : undefined;
    const db = debit ? num(debit, name(c.debit)) : undefined;
    const crNonZero = cr !== undefined && !new Decimal(cr).isZero();
    const dbNonZero = db !== undefined && !new Decimal(db).isZero();
    if (crNonZero && dbNonZero)
      throw new CsvRowError(
        `${name(c.debit)}/${name(c.credit)}`,
        'both the debit and the credit column have an amount',
      );
    if (cr === undefined && db === undefined)
      throw new CsvRowError(
        `${name(c.debit)}/${name(c.credit)}`,
        'neither the debit nor the credit column has an amount',
      );
    direction = crNonZero || db === undefined ? 'credit' : 'debit';
    amount = (direction === 'credit' ? cr! : db!).replace(/^-/, '');
  } else {
    const raw = cols.get(row, c.amount);
    if (!raw) throw new CsvRowError(name(c.amount), `amount (${name(c.amount)}) is empty`);
    const signed = num(raw, name(c.amount));
    const negative = signed.startsWith('-');
    amount = negative ? signed.slice(1) : signed;
    if (c.sign !== undefined) {
      const mark = (cols.get(row, c.sign) ?? '').toUpperCase();
      const credits = (config.creditValues ?? ['C', 'CR', 'CRDT', 'CREDIT', '+']).map((v) => v.toUpperCase());
      const debits = (config.debitValues ?? ['D', 'DR', 'DBIT', 'DEBIT', '-']).map((v) => v.toUpperCase());
      if (credits.includes(mark)) direction = 'credit';
      else if (debits.includes(mark)) direction = 'debit';
      else
        throw new CsvRowError(
          name(c.sign),
          `"${mark}" in ${name(c.sign)} is neither a credit (${credits.join(', ')}) nor a debit (${debits.join(', ')}) mark`,
        );
    } else {
      const inverted = config.signConvention === 'negative-is-credit';
      direction = negative !== inverted ? 'debit' : 'credit';
    }
  }

  const rawCurrency = cols.get(row, c.currency) ?? config.currency;
  if (!rawCurrency)
    throw new CsvRowError(name(c.currency), 'no currency (no currency column value and no currency in the config)');
  const currency = normaliseCurrency(rawCurrency);
  if (!currency) throw new CsvRowError(name(c.currency), `unknown currency "${rawCurrency}" (not an ISO 4217 code)`);

  const line: LineDraft = { bookingDate, amount: withMinorUnits(amount, currency), currency, direction };
  const cc = direction === 'debit' && config.debitColumns ? { ...c, ...config.debitColumns } : c;
  const rawValue = cols.get(row, c.valueDate);
  if (rawValue) {
    const valueDate = dates.value(rawValue);
    if (!valueDate)
      throw new CsvRowError(
        name(c.valueDate),
        `"${rawValue}" is not a date in the format ${config.valueDateFormat ?? config.dateFormat ?? 'YYYY-MM-DD'}`,
      );
    line.valueDate = valueDate;
  }
  const fees =
    c.fee === undefined
      ? []
      : Array.isArray(c.fee) && c.fee.every((f) => typeof f === 'string' || typeof f === 'number')
        ? (c.fee as (string | number)[]).map((f) => [f] as ColumnRef)
        : [c.fee as ColumnRef];
  let fee = new Decimal(0);
  for (const ref of fees) {
    const v = cols.get(row, ref);
    if (v) fee = fee.plus(new Decimal(num(v, name(ref))).abs());
  }
  if (!fee.isZero()) line.charges = [{ amount: withMinorUnits(canonical(fee), currency), currency } satisfies Money];

  const text = (ref: ColumnRef | undefined) => cols.get(row, ref);
  const bankRef = text(cc.bankReference);
  if (bankRef) line.bankReference = bankRef;
  const customerRef = text(cc.customerReference);
  if (customerRef) line.customerReference = customerRef;
  const e2e = text(cc.endToEndId);
  if (e2e && isUsableReference(e2e)) line.endToEndId = e2e;
  const status = text(cc.status);
  if (status) line.status = status;
  const code = text(cc.transactionCode);
  if (code) line.transactionCode = code;
  const seen = new Set<number | undefined>();
  const remittance = (cc.remittance ?? [])
    .filter((r) => {
      const i = cols.indexOf(Array.isArray(r) ? r[0]! : r);
      if (seen.has(i)) return false;
      seen.add(i);
      return true;
    })
    .map((r) => text(r))
    .filter((v): v is string => !!v && v !== '<auto>');
  if (remittance.length > 0) line.remittance = remittance;
  const creditorRef = text(cc.creditorReference) ?? remittance.join(' ').match(/\bRF\d{2}[A-Z0-9]{1,21}\b/)?.[0];
  if (creditorRef) line.creditorReference = creditorRef;
  const cp: Counterparty = {};
  const cpName = text(cc.counterpartyName);
  if (cpName) cp.name = cpName;
  const cpAccount = text(cc.counterpartyAccount)?.replace(/\s+/g, '');
  if (cpAccount)
    cp.account = ibanRe.test(cpAccount.toUpperCase()) ? { iban: cpAccount.toUpperCase() } : { number: cpAccount };
  const cpId = text(cc.counterpartyId);
  if (cpId) cp.id = cpId;
  if (Object.keys(cp).length > 0) line.counterparty = cp;
  return line;
}

/** Pads an amount to the currency's minor units when that adds only zeros (`96.9` USD → `96.90`). */
function withMinorUnits(amount: string, currency: string): string {
  const units = iso4217.get(currency) ?? 2;
  const scale = (amount.split('.')[1] ?? '').length;
  if (units === null || scale >= units) return amount;
  return new Decimal(amount).toFixed(units);
}
