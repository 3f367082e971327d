import type { Counterparty } from '@hexiao/plugins/sdk';
import { isIbanLike } from './fields.ts';

/** What a `:86:` information field says about its statement line. */
export interface Info86 {
  endToEndId?: string;
  customerReference?: string;
  creditorReference?: string;
  counterparty?: Counterparty;
  remittance: string[];
  transactionCode?: string;
  returnReason?: string;
  isReturn?: boolean;
}

const dutchTags = [
  'EREF',
  'PREF',
  'KREF',
  'RTRN',
  'CNTP',
  'MARF',
  'CSID',
  'REMI',
  'BENM',
  'ORDP',
  'NAME',
  'ADDR',
  'ISDT',
  'TRCD',
  'IBAN',
  'BIC',
  'ULTC',
  'ULTD',
  'ULTB',
  'PURP',
  'BUSP',
  'SVCL',
  'EXCH',
  'CHGS',
  'SUM',
  'IREF',
  'OCMT',
  'BENM',
];
const dutchRe = new RegExp(`/(${[...new Set(dutchTags)].join('|')})(?=/)`, 'g');
const rfRe = /\bRF\d{2}[A-Z0-9]{1,21}\b/;

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Joins the raw lines of a `:86:` field. Structured layouts (`/TAG/…`, German `NNN?20…`) were wrapped at
 * a fixed width anywhere, so their lines are joined directly; free text keeps its lines unless a line
 * was filled to 65 characters (a wrapped word).
 */
export function join86(lines: string[]): { text: string; structured: 'dutch' | 'german' | 'free' } {
  const first = lines[0] ?? '';
  if (/^\d{3}\?/.test(first.trim())) return { text: lines.join(''), structured: 'german' };
  if (/^\/[A-Z]{2,5}\//.test(first.trim())) return { text: lines.join(''), structured: 'dutch' };
  let text = first;
  for (let i = 1; i < lines.length; i++) text += (lines[i - 1]!.length >= 65 ? '' : '\n') + lines[i];
  return { text, structured: 'free' };
}

function parseDutch(text: string, out: Info86): void {
  const hits = [...text.matchAll(dutchRe)].map((m) => ({
    tag: m[1]!,
    start: m.index!,
    end: m.index! + m[1]!.length + 2,
  }));
  const fields: [string, string][] = hits.map((h, i) => [
    h.tag,
    text.slice(h.end, hits[i + 1]?.start ?? text.length).replace(/\/+$/, ''),
  ]);
  const cp: Counterparty = {};
  for (const [tag, value] of fields) {
    switch (tag) {
      case 'EREF':
        if (value && value !== 'NOTPROVIDED') out.endToEndId = value;
        break;
      case 'PREF':
      case 'KREF':
        if (value) out.customerReference = value;
        break;
      case 'RTRN':
        out.isReturn = true;
        if (value) out.returnReason = value;
        break;
      case 'CNTP': {
        const [acct, bic, name, city] = value.split('/');
        if (acct) cp.account = isIbanLike(acct) ? { iban: acct } : { number: acct };
        if (bic && cp.account && /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) cp.account.bic = bic;
        if (name) cp.name = clean(name);
        if (city) cp.address = clean(city);
        break;
      }
      case 'NAME':
        if (value) cp.name = clean(value);
        break;
      case 'ADDR':
        if (value) cp.address = clean(value);
        break;
      case 'IBAN':
        if (value) cp.account = isIbanLike(value) ? { iban: value } : { number: value };
        break;
      case 'REMI': {
        const strd = /^STRD\/[A-Z]*\/(.+)$/.exec(value);
        const ustd = /^USTD\/\/?(.*)$/s.exec(value);
        if (strd) out.creditorReference = strd[1]!.trim();
        else if (ustd) {
          if (ustd[1]!.trim()) out.remittance.push(clean(ustd[1]!));
        } else if (value.trim()) out.remittance.push(clean(value));
        break;
      }
      case 'TRCD':
        if (value) out.transactionCode = value;
        break;
      default:
        break;
    }
  }
  if (Object.keys(cp).length > 0) out.counterparty = cp;
}

function parseGerman(text: string, out: Info86): void {
  const gvc = text.slice(0, 3);
  out.transactionCode = gvc;
  const sub = new Map<string, string>();
  for (const m of text.slice(3).matchAll(/\?(\d{2})([^?]*)/g)) sub.set(m[1]!, (sub.get(m[1]!) ?? '') + m[2]!);
  const purpose = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '60', '61', '62', '63']
    .map((k) => sub.get(k) ?? '')
    .join('');
  // SEPA keywords inside the purpose text: EREF+, KREF+, MREF+, CRED+, SVWZ+, ABWA+…
  const keyed = [...purpose.matchAll(/(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|COAM|OAMT|IBAN|BIC)\+/g)];
  if (keyed.length === 0 && purpose.trim()) out.remittance.push(clean(purpose));
  keyed.forEach((m, i) => {
    const value = clean(purpose.slice(m.index! + m[0].length, keyed[i + 1]?.index ?? purpose.length));
    if (m[1] === 'EREF' && value !== 'NOTPROVIDED') out.endToEndId = value;
    else if (m[1] === 'KREF') out.customerReference = value;
    else if (m[1] === 'SVWZ' && value) out.remittance.push(value);
  });
  const bookingText = sub.get('00');
  if (bookingText) out.remittance.unshift(clean(bookingText));
  const cp: Counterparty = {};
  const acct = sub.get('31')?.trim();
  const bank = sub.get('30')?.trim();
  if (acct) {
    cp.account = isIbanLike(acct) ? { iban: acct } : { number: acct };
    if (bank && /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bank)) cp.account.bic = bank;
  }
  const name = clean(`${sub.get('32') ?? ''}${sub.get('33') ?? ''}`);
  if (name) cp.name = name;
  if (Object.keys(cp).length > 0) out.counterparty = cp;
  // GVC 159 = returned credit transfer (Retoure), 109/209 = returned direct debit; ?34 holds the return key.
  if (gvc === '159' || gvc === '109' || gvc === '209' || /RETOURE|RUECKLASTSCHRIFT/i.test(bookingText ?? '')) {
    out.isReturn = true;
    const key = sub.get('34')?.trim();
    out.returnReason = [key, bookingText?.trim()].filter(Boolean).join(': ');
  }
}

/** Reads a `:86:` field (Dutch `/TAG/`, German `?NN` sub-fields, or free text). */
export function parse86(lines: string[]): Info86 {
  const { text, structured } = join86(lines);
  const out: Info86 = { remittance: [] };
  if (structured === 'dutch') parseDutch(text, out);
  else if (structured === 'german') parseGerman(text, out);
  else for (const l of text.split('\n')) if (clean(l)) out.remittance.push(clean(l));
  if (!out.creditorReference) {
    const rf = rfRe.exec(text);
    if (rf) out.creditorReference = rf[0];
  }
  return out;
}
