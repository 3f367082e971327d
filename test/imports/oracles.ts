import { readFileSync } from 'node:fs';
import { Decimal } from '../../packages/server/src/domain/money/index.ts';

/**
 * Independent readings of the sample files (plain regular expressions, not the connectors), giving the
 * control totals an import must report: per currency, the sum of credits and of debits.
 */
export type Totals = Record<string, { credits: Decimal; debits: Decimal }>;

const add = (t: Totals, cur: string, side: 'credits' | 'debits', amount: Decimal | string) => {
  const x = (t[cur] ??= { credits: new Decimal(0), debits: new Decimal(0) });
  x[side] = x[side].plus(amount);
};

export const asStrings = (t: Totals) =>
  Object.fromEntries(
    Object.entries(t)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([c, v]) => [c, { credits: v.credits.toFixed(), debits: v.debits.toFixed() }]),
  );

/** camt.053 / camt.054: each Ntry's own amount and credit/debit indicator. */
export function camtTotals(path: string): Totals {
  const xml = readFileSync(path, 'utf8');
  const t: Totals = {};
  for (const m of xml.matchAll(/<(?:\w+:)?Ntry>([\s\S]*?)<\/(?:\w+:)?Ntry>/g)) {
    const body = m[1]!;
    const amt = /<(?:\w+:)?Amt Ccy="([A-Z]{3})">([\d.]+)<\/(?:\w+:)?Amt>/.exec(body)!;
    const side = /<(?:\w+:)?CdtDbtInd>(CRDT|DBIT)</.exec(body)![1] === 'CRDT' ? 'credits' : 'debits';
    add(t, amt[1]!, side, amt[2]!);
  }
  return t;
}

/** MT940: every :61: line, in the currency of the opening balance before it. */
export function mt940Totals(path: string): Totals {
  const text = readFileSync(path, 'latin1');
  const t: Totals = {};
  let cur = '';
  for (const m of text.matchAll(/:(60[FM]):[CD]\d{6}([A-Z]{3})|:61:\d{6}(?:\d{4}| {4})?(R?[CD])[A-Z]?(\d+,\d*)/g)) {
    if (m[1]) cur = m[2]!;
    else {
      const credit = m[3] === 'C' || m[3] === 'RD';
      add(t, cur, credit ? 'credits' : 'debits', m[4]!.replace(',', '.').replace(/\.$/, ''));
    }
  }
  return t;
}

/** BAI2: every 16 record; type codes below 400 are credits; amounts in minor units of the group/account currency. */
export function bai2Totals(path: string): Totals {
  const records = readFileSync(path, 'utf8')
    .replace(/\r/g, '')
    .split('\n')
    .filter((l) => /^\d\d,/.test(l));
  const t: Totals = {};
  let groupCur = 'USD';
  let cur = 'USD';
  for (const r of records) {
    const f = r.replace(/\/\s*$/, '').split(',');
    if (f[0] === '02') groupCur = f[6] || 'USD';
    else if (f[0] === '03') cur = f[2] || groupCur;
    else if (f[0] === '16' && f[2]) add(t, cur, Number(f[1]) < 400 ? 'credits' : 'debits', new Decimal(f[2]).div(100));
  }
  return t;
}

/** UBL Invoice / CreditNote: the payable amount (a negative invoice counts as a credit). */
export function ublTotals(path: string): Totals {
  const xml = readFileSync(path, 'utf8');
  const t: Totals = {};
  const m = /<cbc:PayableAmount currencyID="([A-Z]{3})">(-?[\d.]+)</.exec(xml)!;
  const credit = /<CreditNote[\s>]/.test(xml) || m[2]!.startsWith('-');
  add(t, m[1]!, credit ? 'credits' : 'debits', new Decimal(m[2]!).abs());
  return t;
}

/** CII: DuePayableAmount in the invoice currency; type 381, a corrective 384 or a negative amount is a credit. */
export function ciiTotals(path: string): Totals {
  const xml = readFileSync(path, 'utf8');
  const t: Totals = {};
  const cur = /<ram:InvoiceCurrencyCode>([A-Z]{3})</.exec(xml)![1]!;
  const amount = /<ram:DuePayableAmount[^>]*>(-?[\d.]+)</.exec(xml)![1]!;
  const type = /<rsm:ExchangedDocument>[\s\S]*?<ram:TypeCode>(\d+)</.exec(xml)![1];
  add(
    t,
    cur,
    type === '381' || type === '384' || amount.startsWith('-') ? 'credits' : 'debits',
    new Decimal(amount).abs(),
  );
  return t;
}
