import { Decimal } from '@hexiao/dsl';
import type { Position } from '@hexiao/plugins/sdk';

/** Sums per currency as accountants check them against the bank's figures (decimal strings). */
export interface CurrencyTotals {
  read: { count: number; credits: string; debits: string };
  created: { count: number; credits: string; debits: string };
}

export interface RejectedRecord {
  file: string;
  position: Position;
  reason: string;
  field?: string;
}

export interface StatementReport {
  file: string;
  statementId: string;
  account: string;
  created: boolean;
  gap?: { previousStatement: string; previousClosing: string; opening: string };
  warnings: string[];
}

/** The stored report of one import job. */
export interface ImportReport {
  importId: string | null;
  dryRun: boolean;
  connector: { id: string; version: string };
  definitions: { kind: 'connector-config'; key: string; version: number }[];
  files: { id: string | null; name: string; sha256: string; size: number; expandedFrom?: string }[];
  read: number;
  created: number;
  duplicates: number;
  rejected: number;
  totals: Record<string, CurrencyTotals>;
  statements: StatementReport[];
  receipts: {
    posted: number;
    unidentified: number;
    notPosted: number;
    reversed: number;
    /** payment-service fees posted as bank-fee adjustments, and fees waiting for the payer to be identified */ feeAdjustments?: number;
    feesPending?: number;
    /** Credits of earlier imports posted by this one (a rate they waited for now exists). */
    postedLater?: number;
  };
  /** creditNotesApplied: credit notes settled against the invoice they correct. */
  documents: {
    created: number;
    customersCreated: number;
    creditNotesApplied?: number;
    /** Open invoices booked with only part open: the rest settled against the opening-balance clearing account. */
    openingSettlements?: number;
  };
  /** customers-csv: created and updated customers (both counted in `created`), payer accounts active or waiting. */
  customers?: {
    created: number;
    updated: number;
    unchanged: number;
    bankAccountsActive: number;
    bankAccountChangesPending: number;
  };
  /** fx-rates-csv: rates stored, and rates already stored with the same value. */
  fxRates?: { created: number; unchanged: number };
  rejections: RejectedRecord[];
  /** Rejections beyond the first 1,000 are counted, not listed. */
  rejectionsOmitted: number;
  warnings: string[];
  startedAt: string;
  durationMs: number;
  /**
   * Where the time went, per phase (not part of the stored report's meaning; for operators and benchmarks).
   * `lines-copy`, `lines-move` and `lines-waited` lie within `parse-and-store-lines`: the store's COPY and move
   * run while the parser reads on, and `lines-waited` is how long the parser waited for them.
   */
  timingsMs: Record<string, number>;
  /** The connector config asks for a matching run over what the import posted (its caller runs it). */
  matchRequested?: 'dry-run' | 'post';
  /** That run's summary (`GET /api/v1/matching-runs/:id` shows every decision of a posting run). */
  matching?: { runId: string; dryRun: boolean; counts: Record<string, number>; conflicts: number; alerts: number };
}

const zero = () => ({ count: 0, credits: '0', debits: '0' });

/** Accumulates a report while an import runs. */
export class ReportTally {
  readonly report: ImportReport;
  private sums = new Map<string, { rc: Decimal; rd: Decimal; n: number }>();

  constructor(init: Pick<ImportReport, 'connector' | 'definitions' | 'dryRun'>) {
    this.report = {
      importId: null,
      ...init,
      files: [],
      read: 0,
      created: 0,
      duplicates: 0,
      rejected: 0,
      totals: {},
      statements: [],
      receipts: { posted: 0, unidentified: 0, notPosted: 0, reversed: 0 },
      documents: { created: 0, customersCreated: 0 },
      rejections: [],
      rejectionsOmitted: 0,
      warnings: [],
      startedAt: new Date().toISOString(),
      durationMs: 0,
      timingsMs: {},
    };
  }

  /** A record read from the file: credit = money in (bank) or credit note; debit = money out or invoice/order. */
  read(currency: string, side: 'credit' | 'debit', amount: string): void {
    this.report.read++;
    let s = this.sums.get(currency);
    if (!s) this.sums.set(currency, (s = { rc: new Decimal(0), rd: new Decimal(0), n: 0 }));
    s.n++;
    if (side === 'credit') s.rc = s.rc.plus(amount);
    else s.rd = s.rd.plus(amount);
  }

  /** A record without money (a customer, a rate): counted, no totals. */
  readRecord(): void {
    this.report.read++;
  }

  /** Records without money that changed something (customers created or updated, rates stored). */
  createdRecord(count = 1): void {
    this.report.created += count;
  }

  reject(r: RejectedRecord, countsAsRead = true): void {
    if (countsAsRead) this.report.read++;
    this.report.rejected++;
    if (this.report.rejections.length < 1000) this.report.rejections.push(r);
    else this.report.rejectionsOmitted++;
  }

  /** A record read and counted, then refused later (unknown account, seller, buyer, ledger refusal). */
  refuseRead(r: RejectedRecord): void {
    this.reject(r, false);
  }

  created(currency: string, side: 'credit' | 'debit', count: number, amount: string): void {
    this.report.created += count;
    const t = this.totalsOf(currency);
    t.created.count += count;
    if (side === 'credit') t.created.credits = new Decimal(t.created.credits).plus(amount).toFixed();
    else t.created.debits = new Decimal(t.created.debits).plus(amount).toFixed();
  }

  private totalsOf(currency: string): CurrencyTotals {
    return (this.report.totals[currency] ??= { read: zero(), created: zero() });
  }

  finish(): ImportReport {
    for (const [cur, s] of this.sums)
      this.totalsOf(cur).read = { count: s.n, credits: s.rc.toFixed(), debits: s.rd.toFixed() };
    this.report.duplicates = this.report.read - this.report.created - this.report.rejected;
    this.report.durationMs = Date.now() - Date.parse(this.report.startedAt);
    const sorted: Record<string, CurrencyTotals> = {};
    for (const k of Object.keys(this.report.totals).sort()) sorted[k] = this.report.totals[k]!;
    this.report.totals = sorted;
    return this.report;
  }
}
