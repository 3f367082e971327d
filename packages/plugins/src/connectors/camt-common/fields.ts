import { child, children, firstText, isCurrency, text, toDecimal, InputError } from '@hexiao/plugins/sdk';
import type { BankAccountRef, Counterparty, Money, XmlNode } from '@hexiao/plugins/sdk';

/** A problem with one field of an entry: the entry is rejected with this reason. */
export class FieldError extends InputError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** `<Amt Ccy="EUR">12.50</Amt>` → { amount, currency }; throws FieldError naming the field. */
export function money(node: XmlNode | undefined, field: string): Money {
  if (!node || node.text === '') throw new FieldError(field, `${field} is missing`);
  const currency = node.attrs?.Ccy ?? '';
  if (!isCurrency(currency))
    throw new FieldError(`${field}/@Ccy`, `unknown currency "${currency}" (not an ISO 4217 code)`);
  let amount: string;
  try {
    amount = toDecimal(node.text, { allowSign: false });
  } catch {
    throw new FieldError(field, `amount "${node.text}" is not a decimal number`);
  }
  return { amount, currency };
}

/** `Dt` or `DtTm` under a date choice element → YYYY-MM-DD. */
export function dateChoice(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  const raw = text(node, 'Dt') ?? text(node, 'DtTm') ?? text(node);
  if (!raw) return undefined;
  if (raw.length === 10 && raw.charCodeAt(4) === 45 && raw.charCodeAt(7) === 45) return raw; // YYYY-MM-DD
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
  return m?.[1];
}

export function account(node: XmlNode | undefined): BankAccountRef | undefined {
  if (!node) return undefined;
  const iban = text(node, 'Id/IBAN');
  const number = text(node, 'Id/Othr/Id');
  const out: BankAccountRef = {};
  if (iban) out.iban = iban.includes(' ') ? iban.replace(/\s+/g, '').toUpperCase() : iban;
  else if (number) out.number = number;
  const ccy = text(node, 'Ccy');
  if (ccy && isCurrency(ccy)) out.currency = ccy;
  const bic = firstText(node, 'Svcr/FinInstnId/BICFI', 'Svcr/FinInstnId/BIC');
  if (bic && /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) out.bic = bic;
  const name = firstText(node, 'Ownr/Nm', 'Ownr/Pty/Nm', 'Nm');
  if (name) out.name = name;
  return out.iban || out.number ? out : undefined;
}

const addressOrder: Record<string, number> = { StrtNm: 0, BldgNb: 1, PstCd: 2, TwnNm: 3, Ctry: 4 };

/** Postal address as one line: structured parts (street, number, post code, town, country), then AdrLine. */
function address(party: XmlNode | undefined): string | undefined {
  const adr = child(party, 'PstlAdr');
  if (!adr) return undefined;
  const parts: (string | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  let lines = '';
  for (const c of adr.children) {
    if (!c.text) continue;
    const at = addressOrder[c.name];
    if (at !== undefined) parts[at] ??= c.text;
    else if (c.name === 'AdrLine') lines += lines ? `, ${c.text}` : c.text;
  }
  let out = '';
  for (const p of parts) if (p) out += out ? `, ${p}` : p;
  if (lines) out += out ? `, ${lines}` : lines;
  return out || undefined;
}

/** The other party of a transaction: the debtor of a credit, the creditor of a debit (v02–v08 shapes). */
export function counterparty(tx: XmlNode | undefined, direction: 'credit' | 'debit'): Counterparty | undefined {
  const role = direction === 'credit' ? 'Dbtr' : 'Cdtr';
  const parties = child(tx, 'RltdPties');
  if (!parties) return undefined;
  const wrapper = child(parties, role);
  const party = child(wrapper, 'Pty') ?? wrapper;
  const out: Counterparty = {};
  const name = text(party, 'Nm');
  if (name) out.name = name;
  const acct = account(child(parties, `${role}Acct`));
  if (acct) out.account = acct;
  const id = firstText(party, 'Id/OrgId/AnyBIC', 'Id/OrgId/BICOrBEI', 'Id/OrgId/Othr/Id', 'Id/PrvtId/Othr/Id');
  if (id) out.id = id;
  const adr = address(party);
  if (adr) out.address = adr;
  const agentBic = firstText(child(tx, 'RltdAgts'), `${role}Agt/FinInstnId/BICFI`, `${role}Agt/FinInstnId/BIC`);
  if (agentBic && out.account && /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(agentBic))
    out.account.bic = agentBic;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Bank transaction code: `PMNT/RCDT/ESCT`, else the proprietary code. */
export function transactionCode(node: XmlNode | undefined): string | undefined {
  const bk = child(node, 'BkTxCd');
  if (!bk) return undefined;
  const domn = child(bk, 'Domn');
  const domain = text(domn, 'Cd');
  if (domain) {
    const fmly = child(domn, 'Fmly');
    const family = text(fmly, 'Cd');
    const sub = text(fmly, 'SubFmlyCd');
    return family ? (sub ? `${domain}/${family}/${sub}` : `${domain}/${family}`) : domain;
  }
  return text(child(bk, 'Prtry'), 'Cd');
}

/** Charge records of an entry or transaction (`Chrgs/Rcrd`, or v02's `Chrgs` list). */
export function charges(node: XmlNode | undefined): Money[] {
  const chrgs = child(node, 'Chrgs');
  if (!chrgs) return [];
  const records = children(chrgs, 'Rcrd');
  const amounts =
    records.length > 0 ? records.map((r) => child(r, 'Amt')) : chrgs.children.filter((c) => c.name === 'Amt');
  const out: Money[] = [];
  for (const a of amounts) {
    try {
      out.push(money(a, 'Chrgs/Amt'));
    } catch {
      // an unreadable charge does not lose the entry; it is simply not carried
    }
  }
  if (out.length === 0) {
    const total = child(chrgs, 'TtlChrgsAndTaxAmt');
    if (total) out.push(money(total, 'Chrgs/TtlChrgsAndTaxAmt'));
  }
  return out;
}
