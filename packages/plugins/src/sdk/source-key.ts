import { Decimal } from '@hexiao/dsl';
import { iso4217 } from './currencies.ts';
import type { BankAccountRef } from './records.ts';

/** Bank references that mean "no reference" and must never be used as an identity. */
const noReference = new Set(['', 'NONREF', 'NOTPROVIDED', 'NOT PROVIDED', 'NONE', 'N/A', '0']);

export function isUsableReference(ref: string | undefined | null): ref is string {
  if (typeof ref !== 'string') return false;
  if (ref.length > 14) return ref.trim() !== '';
  return !noReference.has(ref.trim().toUpperCase());
}

/** The company account as a key: IBAN (no spaces, upper case), else number (+ currency), else BIC. */
const accountKeys = new WeakMap<BankAccountRef, string>();

export function accountKey(account: BankAccountRef): string {
  let key = accountKeys.get(account);
  if (key === undefined) {
    key = computeAccountKey(account);
    accountKeys.set(account, key);
  }
  return key;
}

function computeAccountKey(account: BankAccountRef): string {
  if (account.iban) return account.iban.replace(/\s+/g, '').toUpperCase();
  if (account.number) {
    const n = account.number.replace(/\s+/g, '');
    return account.currency ? `${n}:${account.currency}` : n;
  }
  return account.bic ?? 'unknown-account';
}

/** `<account>|<statement id>[|<sequence>]`: provenance of the lines, not their identity. */
export function statementSourceKey(account: BankAccountRef, statementId: string, sequence?: string): string {
  const base = `${accountKey(account)}|${statementId}`;
  return sequence ? `${base}|${sequence}` : base;
}

const canonical = [/^(?:0|[1-9]\d*)$/, /^(?:0|[1-9]\d*)\.\d$/, /^(?:0|[1-9]\d*)\.\d\d$/, /^(?:0|[1-9]\d*)\.\d{3}$/];

/** Amount with the currency's minor units, so `"75"` and `"75.00"` give the same key. */
function keyAmount(amount: string, currency: string): string {
  const units = iso4217.get(currency) ?? 2;
  // the common case, already canonical: no Decimal per line of a large statement
  if (canonical[units]?.test(amount)) return amount;
  const d = new Decimal(amount);
  return d.decimalPlaces() > (units ?? 2) ? d.toFixed() : d.toFixed(units ?? 2);
}

export interface BankLineKeyParts {
  account: BankAccountRef;
  bankReference?: string;
  endToEndId?: string;
  bookingDate: string;
  amount: string;
  currency: string;
  direction: 'credit' | 'debit';
  /** Occurrence of the same (end-to-end id, date, amount, sign) within the statement, 0-based. */
  ordinal: number;
}

/** The preferred key: `<account>|<bank reference>`. */
export function bankReferenceKey(account: BankAccountRef, bankReference: string): string {
  return `${accountKey(account)}|${bankReference.trim()}`;
}

/** The fallback key: `<account>|<end-to-end id or ->|<booking date>|<amount>|<C|D>|<ordinal>`. */
export function fallbackKey(p: BankLineKeyParts): string {
  return `${stemOf(p)}|${p.ordinal}`;
}

/** The fallback key without its ordinal. */
function stemOf(p: BankLineKeyInput): string {
  const e2e = isUsableReference(p.endToEndId) ? p.endToEndId.trim() : '-';
  const sign = p.direction === 'credit' ? 'C' : 'D';
  return `${accountKey(p.account)}|${e2e}|${p.bookingDate}|${keyAmount(p.amount, p.currency)}|${sign}`;
}

export type BankLineKeyInput = Omit<BankLineKeyParts, 'ordinal'>;

/** Gives each bank line of one file its source key; see {@link createBankLineKeys}. */
export interface BankLineKeys {
  /** A key for a line, unique within the file (lines outside any statement). */
  (parts: BankLineKeyInput): string;
  /**
   * Starts one occurrence of a statement (or notification, or account section) in the file and returns the
   * keyer for its lines. When the same statement key occurs again in the file (a bank re-sending the previous
   * day, an export that concatenates), a line the earlier occurrence already had gets the earlier line's key,
   * whatever its order, so it is a duplicate; only lines the earlier occurrence did not have get new keys.
   */
  statement(statementKey: string): (parts: BankLineKeyInput) => string;
}

/**
 * Builds unique, stable bank-line source keys within one file. Use one per file:
 * the bank reference wins when the bank gives a usable one that was not already used in this file;
 * otherwise the fallback key, whose ordinal counts earlier lines with the same
 * (account, end-to-end id, booking date, amount, sign), so the same booking gets the same key in a
 * camt.053, a camt.054 or an MT940 of the same account. Call `statement(key)` at each statement so that a
 * statement repeated in the file gives its lines the keys they had the first time.
 */
export function createBankLineKeys(): BankLineKeys {
  // Keys already given in this file, kept as 53-bit hashes so memory stays small for huge files.
  const used = new Set<number>();
  const occurrences = new Map<number, number>();
  // What each statement's lines were given: hash of (statement, line identity, nth) → -1 (bank reference) or ordinal.
  const given = new Map<number, number>();
  const statements = new Set<number>();

  const assign = (parts: BankLineKeyInput, stem: string): { key: string; code: number } => {
    if (isUsableReference(parts.bankReference)) {
      const key = bankReferenceKey(parts.account, parts.bankReference);
      const h = hash53(key);
      if (!used.has(h)) {
        used.add(h);
        return { key, code: -1 };
      }
    }
    const stemHash = hash53(stem);
    let ordinal = occurrences.get(stemHash) ?? 0;
    let key = `${stem}|${ordinal}`;
    let h = hash53(key);
    while (used.has(h)) h = hash53((key = `${stem}|${++ordinal}`));
    occurrences.set(stemHash, ordinal + 1);
    used.add(h);
    return { key, code: ordinal };
  };

  const keys = ((parts: BankLineKeyInput) => assign(parts, stemOf(parts)).key) as BankLineKeys;
  keys.statement = (statementKey) => {
    const statementHash = hash53(statementKey);
    const replay = statements.has(statementHash);
    statements.add(statementHash);
    const seen = new Map<number, number>();
    return (parts) => {
      const stem = stemOf(parts);
      const ref = isUsableReference(parts.bankReference) ? parts.bankReference.trim() : '';
      const identity = `${statementKey}\u0000${ref}\u0000${stem}`;
      const identityHash = hash53(identity);
      const nth = seen.get(identityHash) ?? 0;
      seen.set(identityHash, nth + 1);
      const slot = hash53(`${identity}\u0000${nth}`);
      const before = replay ? given.get(slot) : undefined;
      if (before !== undefined) return before === -1 ? bankReferenceKey(parts.account, ref) : `${stem}|${before}`;
      const { key, code } = assign(parts, stem);
      given.set(slot, code);
      return key;
    };
  };
  return keys;
}

/** Two FNV-1a passes combined into a 53-bit integer (exact in a JS number). */
function hash53(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
