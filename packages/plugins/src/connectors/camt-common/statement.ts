import { Decimal } from '@hexiao/dsl';
import { canonical, child, firstText, statementSourceKey, text, toDecimal } from '@hexiao/plugins/sdk';
import type { BankAccountRef, BankLineKeyInput, Balance, StatementRecord, XmlNode } from '@hexiao/plugins/sdk';
import { account, dateChoice, money } from './fields.ts';

/** Collects a statement's header elements (they come before its entries) and the entries' totals. */
export class StatementBuilder {
  readonly header = new Map<string, XmlNode[]>();
  entries = 0;
  /** Entries booked on the statement's date because they carried neither booking nor value date. */
  undated = 0;
  /** Source keys of this statement's lines (set at its first entry). */
  keys?: (parts: BankLineKeyInput) => string;
  /** Booked movement per currency: credits − debits. */
  readonly movement = new Map<string, Decimal>();
  private cachedAccount: BankAccountRef | undefined;
  private cachedKey: string | undefined;

  constructor(
    readonly index: number,
    readonly xpath: string,
    readonly line: number,
  ) {}

  add(node: XmlNode): void {
    const list = this.header.get(node.name);
    if (list) list.push(node);
    else this.header.set(node.name, [node]);
  }

  private first(name: string): XmlNode | undefined {
    return this.header.get(name)?.[0];
  }

  get account(): BankAccountRef | undefined {
    return (this.cachedAccount ??= account(this.first('Acct')));
  }

  get statementId(): string {
    return text(this.first('Id')) ?? `${this.index + 1}`;
  }

  get key(): string | undefined {
    const acct = this.account;
    if (!acct) return undefined;
    return (this.cachedKey ??= statementSourceKey(acct, this.statementId, text(this.first('ElctrncSeqNb'))));
  }

  private cachedDate: { date: string; source: string } | null | undefined;

  /**
   * The date an undated entry is booked on: the period's end, else the creation date, else the period's start.
   * Read once: the header elements all come before the first entry.
   */
  get date(): { date: string; source: string } | undefined {
    if (this.cachedDate === undefined) {
      const frTo = this.first('FrToDt');
      const to = firstText(frTo, 'ToDtTm', 'ToDt')?.slice(0, 10);
      const created = dateChoice(this.first('CreDtTm'));
      const from = firstText(frTo, 'FrDtTm', 'FrDt')?.slice(0, 10);
      this.cachedDate = to
        ? { date: to, source: 'period end (FrToDt)' }
        : created
          ? { date: created, source: 'creation date (CreDtTm)' }
          : from
            ? { date: from, source: 'period start (FrToDt)' }
            : null;
    }
    return this.cachedDate ?? undefined;
  }

  /** Booked movement per currency in millionths (exact for up to 6 decimals; more go through Decimal). */
  private readonly scaled = new Map<string, bigint>();

  countEntry(amount: string, currency: string, direction: 'credit' | 'debit', booked: boolean): void {
    this.entries++;
    if (!booked) return;
    const dot = amount.indexOf('.');
    const frac = dot === -1 ? '' : amount.slice(dot + 1);
    if (frac.length > 6) {
      const prev = this.movement.get(currency) ?? new Decimal(0);
      this.movement.set(currency, direction === 'credit' ? prev.plus(amount) : prev.minus(amount));
      return;
    }
    const v = BigInt((dot === -1 ? amount : amount.slice(0, dot)) + frac.padEnd(6, '0'));
    this.scaled.set(currency, (this.scaled.get(currency) ?? 0n) + (direction === 'credit' ? v : -v));
  }

  /** Folds the BigInt sums into `movement` (call once, before reading it). */
  private settle(): void {
    for (const [ccy, v] of this.scaled) {
      const prev = this.movement.get(ccy) ?? new Decimal(0);
      this.movement.set(ccy, prev.plus(new Decimal(v.toString()).div(1_000_000)));
    }
    this.scaled.clear();
  }

  private balances(): Balance[] {
    const out: Balance[] = [];
    for (const bal of this.header.get('Bal') ?? []) {
      try {
        const m = money(child(bal, 'Amt'), 'Bal/Amt');
        const negative = text(bal, 'CdtDbtInd') === 'DBIT' && !/^0(\.0+)?$/.test(m.amount);
        const b: Balance = { amount: negative ? `-${m.amount}` : m.amount, currency: m.currency };
        const date = dateChoice(child(bal, 'Dt'));
        if (date) b.date = date;
        const code = firstText(bal, 'Tp/CdOrPrtry/Cd', 'Tp/CdOrPrtry/Prtry');
        if (code) b.code = code;
        out.push(b);
      } catch {
        // an unreadable balance is reported as a warning by build()
      }
    }
    return out;
  }

  /** The statement record, with warnings when the balances or declared totals do not agree with the entries. */
  build(extraWarnings: string[] = []): StatementRecord {
    this.settle();
    const acct = this.account ?? { number: 'unknown' };
    const record: StatementRecord = {
      type: 'statement',
      sourceKey: this.key ?? statementSourceKey(acct, this.statementId),
      account: acct,
      statementId: this.statementId,
      position: { index: this.index, line: this.line, xpath: this.xpath },
    };
    const seq = text(this.first('ElctrncSeqNb')) ?? text(this.first('LglSeqNb'));
    if (seq) record.sequence = seq;
    const created = text(this.first('CreDtTm'));
    if (created) record.createdAt = created;
    const frTo = this.first('FrToDt');
    const from = firstText(frTo, 'FrDtTm', 'FrDt')?.slice(0, 10);
    const to = firstText(frTo, 'ToDtTm', 'ToDt')?.slice(0, 10);
    if (from) record.fromDate = from;
    if (to) record.toDate = to;
    const warnings = [...extraWarnings];
    if (this.undated > 0)
      warnings.push(
        `${this.undated} ${this.undated === 1 ? 'entry has' : 'entries have'} neither a booking nor a value date: booked on ${this.date!.date}, the statement's ${this.date!.source}`,
      );
    const balances = this.balances();
    if (balances.length < (this.header.get('Bal')?.length ?? 0))
      warnings.push('a balance could not be read (amount or currency invalid)');
    const opening = balances.find((b) => b.code === 'OPBD') ?? balances.find((b) => b.code === 'PRCD');
    const closing = balances.find((b) => b.code === 'CLBD');
    if (opening) record.openingBalance = opening;
    if (closing) record.closingBalance = closing;
    const others = balances.filter((b) => b !== opening && b !== closing);
    if (others.length > 0) record.balances = others;
    this.reconcile(opening, closing, warnings);
    this.declared(record, warnings);
    if (warnings.length > 0) record.warnings = warnings;
    return record;
  }

  private reconcile(opening: Balance | undefined, closing: Balance | undefined, warnings: string[]): void {
    if (!opening || !closing) return;
    if (opening.currency !== closing.currency) {
      warnings.push(
        `opening balance is in ${opening.currency} but closing balance in ${closing.currency}; not reconciled`,
      );
      return;
    }
    const foreign = [...this.movement.keys()].filter((c) => c !== opening.currency);
    if (foreign.length > 0)
      warnings.push(`entries in ${foreign.join(', ')} differ from the balance currency ${opening.currency}`);
    const expected = new Decimal(opening.amount).plus(this.movement.get(opening.currency) ?? 0);
    if (!expected.eq(closing.amount))
      warnings.push(
        `balances do not reconcile: opening ${opening.amount} + booked entries ${canonical(expected.minus(opening.amount))} = ${canonical(expected)}, but closing is ${closing.amount} ${closing.currency}`,
      );
  }

  private declared(record: StatementRecord, warnings: string[]): void {
    const summary = this.first('TxsSummry');
    if (!summary) return;
    const declared: NonNullable<StatementRecord['declared']> = {};
    const count = text(summary, 'TtlNtries/NbOfNtries');
    if (count && /^\d+$/.test(count)) declared.count = Number(count);
    const credits = text(summary, 'TtlCdtNtries/Sum');
    const debits = text(summary, 'TtlDbtNtries/Sum');
    try {
      if (credits) declared.credits = toDecimal(credits, { allowSign: false });
      if (debits) declared.debits = toDecimal(debits, { allowSign: false });
    } catch {
      warnings.push('TxsSummry sums are not decimal numbers');
    }
    if (Object.keys(declared).length > 0) record.declared = declared;
    if (declared.count !== undefined && declared.count !== this.entries)
      warnings.push(`the statement declares ${declared.count} entries (TxsSummry) but has ${this.entries}`);
  }
}
