import { Decimal } from '@hexiao/dsl';
import { child, children, firstText, text, type BankLineRecord, type Money, type XmlNode } from '@hexiao/plugins/sdk';
import { charges, counterparty, dateChoice, FieldError, money, transactionCode } from './fields.ts';

/** A bank line before the statement-level parts (account, keys, ordinal) are added. */
export type LineDraft = Omit<
  BankLineRecord,
  'type' | 'sourceKey' | 'statementKey' | 'account' | 'ordinal' | 'position'
> & {
  xpathSuffix: string;
  /** Set when the entry had neither booking nor value date and took the statement's date. */
  undated?: true;
};

/** Remittance text of a transaction: Ustrd, Strd additional info, referred document numbers, extra refs. */
function remittance(tx: XmlNode | undefined, firstCreditorRef: string | undefined, out: string[]): void {
  const rmt = child(tx, 'RmtInf');
  if (rmt) {
    for (const n of rmt.children) {
      if (n.name === 'Ustrd') {
        if (n.text) out.push(n.text);
      } else if (n.name === 'Strd') {
        for (const part of n.children) {
          if (part.name === 'RfrdDocInf') {
            const nb = text(part, 'Nb');
            if (nb) out.push(nb);
          } else if (part.name === 'CdtrRefInf') {
            const ref = text(part, 'Ref');
            if (ref && ref.trim() !== firstCreditorRef?.trim() && ref !== firstCreditorRef) out.push(ref);
          } else if (part.name === 'AddtlRmtInf' && part.text) out.push(part.text);
        }
      }
    }
  }
  const addtl = text(tx, 'AddtlTxInf');
  if (addtl) out.push(addtl);
}

function returnInfo(tx: XmlNode | undefined): BankLineRecord['returnInfo'] | undefined {
  const rtr = child(tx, 'RtrInf');
  if (!rtr) return undefined;
  const info: NonNullable<BankLineRecord['returnInfo']> = {};
  const code = firstText(rtr, 'Rsn/Cd', 'Rsn/Prtry');
  const extra = children(rtr, 'AddtlInf')
    .map((a) => a.text)
    .filter(Boolean)
    .join(' ');
  const reason = [code, extra].filter(Boolean).join(': ');
  if (reason) info.reason = reason;
  const original = firstText(rtr, 'OrgnlBkTxCd/Prtry/Cd');
  if (original) info.originalReference = original;
  return info;
}

function amountOf(tx: XmlNode): XmlNode | undefined {
  return child(tx, 'Amt') ?? child(tx, 'AmtDtls/TxAmt/Amt');
}

/** True when the entry's TxDtls each carry an amount in the entry's currency and sum to the entry amount. */
function splittable(txs: XmlNode[], entryAmount: Money, entryDirection: string | undefined): boolean {
  if (txs.length < 2) return false;
  let sum = new Decimal(0);
  for (const tx of txs) {
    const amt = amountOf(tx);
    if (!amt || amt.attrs?.Ccy !== entryAmount.currency || !/^\d+(\.\d+)?$/.test(amt.text)) return false;
    const dir = text(tx, 'CdtDbtInd');
    if (dir && dir !== entryDirection) return false;
    sum = sum.plus(amt.text);
  }
  return sum.eq(entryAmount.amount);
}

/** Split lines carry their own charges, or the entry's on the first line; a single line the entry's. */
function lineCharges(
  tx: XmlNode | undefined,
  i: number,
  split: boolean,
  txs: XmlNode[],
  entryCharges: Money[],
): Money[] {
  if (split) {
    if (txs.some((t) => child(t, 'Chrgs'))) return charges(tx);
    return i === 0 ? entryCharges : [];
  }
  if (entryCharges.length > 0) return entryCharges;
  return tx ? charges(tx) : [];
}

export interface EntryOptions {
  /** One line per transaction of a batched entry when the transactions add up to it (default true). */
  splitBatches: boolean;
  /** The date for an entry with neither booking nor value date (both optional in camt): the statement's. */
  statementDate?: string;
}

/**
 * Maps one `<Ntry>` to bank-line drafts: one per entry, or one per TxDtls of a batch whose transaction
 * amounts add up to the entry. Throws FieldError when the entry cannot be read.
 */
export function mapEntry(ntry: XmlNode, options: EntryOptions): LineDraft[] {
  const entryAmount = money(child(ntry, 'Amt'), 'Amt');
  const dirCode = text(ntry, 'CdtDbtInd');
  if (dirCode !== 'CRDT' && dirCode !== 'DBIT')
    throw new FieldError('CdtDbtInd', `CdtDbtInd "${dirCode ?? ''}" is neither CRDT nor DBIT`);
  const direction = dirCode === 'CRDT' ? 'credit' : 'debit';
  const entryDate = dateChoice(child(ntry, 'BookgDt')) ?? dateChoice(child(ntry, 'ValDt'));
  const bookingDate = entryDate ?? options.statementDate;
  if (!bookingDate)
    throw new FieldError('BookgDt', 'the entry has neither a booking date nor a value date, and the statement no date');
  const valueDate = dateChoice(child(ntry, 'ValDt'));
  const entryReversal = text(ntry, 'RvslInd') === 'true';
  const sts = child(ntry, 'Sts');
  const status = sts ? (sts.children.length > 0 ? firstText(sts, 'Cd', 'Prtry') : text(sts)) : undefined;
  const entryRef = text(ntry, 'AcctSvcrRef');
  const entryCode = transactionCode(ntry);
  const entryInfo = text(ntry, 'AddtlNtryInf');
  const entryCharges = charges(ntry);
  const txs = children(ntry, 'NtryDtls/TxDtls');
  const split = options.splitBatches && splittable(txs, entryAmount, dirCode);
  const groups: (XmlNode | undefined)[] = split ? txs : [txs.length === 1 ? txs[0] : undefined];

  const out: LineDraft[] = [];
  for (let i = 0; i < groups.length; i++) {
    const tx = groups[i];
    const amount = split ? money(amountOf(tx!), 'NtryDtls/TxDtls/Amt') : entryAmount;
    // A batch without split keeps the texts of all its transactions.
    const texts = tx ? [tx] : txs;
    const line: LineDraft = {
      bookingDate,
      amount: amount.amount,
      currency: amount.currency,
      direction,
      xpathSuffix: split ? `/NtryDtls[1]/TxDtls[${i + 1}]` : '',
    };
    if (valueDate) line.valueDate = valueDate;
    if (!entryDate) line.undated = true;
    if (status) line.status = status;
    let rtr = tx ? returnInfo(tx) : undefined;
    if (!tx) for (let k = 0; k < txs.length && !rtr; k++) rtr = returnInfo(txs[k]);
    if (entryReversal || rtr) line.reversal = true;
    if (rtr) line.returnInfo = rtr;
    const refs = tx ? child(tx, 'Refs') : undefined;
    const txRef = text(refs, 'AcctSvcrRef');
    const bankReference = split
      ? txRef && txRef !== entryRef
        ? txRef
        : entryRef
          ? `${entryRef}/${i + 1}`
          : undefined
      : (entryRef ?? txRef);
    if (bankReference) line.bankReference = bankReference;
    const e2e = text(refs, 'EndToEndId');
    if (e2e && e2e !== 'NOTPROVIDED') line.endToEndId = e2e;
    const customerRef = refs ? firstText(refs, 'InstrId', 'TxId', 'PmtInfId') : undefined;
    if (customerRef && customerRef !== 'NOTPROVIDED') line.customerReference = customerRef;
    if (line.reversal && e2e && e2e !== 'NOTPROVIDED')
      line.returnInfo = { ...line.returnInfo, originalEndToEndId: e2e };
    const cp = counterparty(tx, direction);
    if (cp) line.counterparty = cp;
    let creditorRef: string | undefined;
    for (let k = 0; k < texts.length && !creditorRef; k++) creditorRef = text(texts[k], 'RmtInf/Strd/CdtrRefInf/Ref');
    if (creditorRef) line.creditorReference = creditorRef.trim();
    const rem: string[] = [];
    for (let k = 0; k < texts.length; k++) remittance(texts[k], creditorRef, rem);
    if (entryInfo) rem.push(entryInfo);
    if (rem.length > 0) line.remittance = rem;
    const code = (tx && transactionCode(tx)) ?? entryCode;
    if (code) line.transactionCode = code;
    const chg = lineCharges(tx, i, split, txs, entryCharges);
    if (chg.length > 0) line.charges = chg;
    const instd = tx ? child(tx, 'AmtDtls/InstdAmt/Amt') : undefined;
    if (instd) {
      const m = money(instd, 'AmtDtls/InstdAmt/Amt');
      if (m.currency !== amount.currency || m.amount !== amount.amount) line.instructedAmount = m;
    }
    out.push(line);
  }
  return out;
}
