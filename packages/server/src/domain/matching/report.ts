import type { EngineDecision } from './engine.ts';
import type { RecoveryProposal } from './recovery-proposals.ts';
import type { CandidateView, MatchReceipt } from './types.ts';

/** A receipt as the run report names it: with its bank line's references. */
export interface ReportReceipt {
  id: string;
  number: string;
  endToEndId: string | null;
  bankReference: string | null;
  amount: string;
  currency: string;
}

export interface ReportEntry {
  receipt: ReportReceipt;
  decisionId?: string;
  customer?: string | null;
  allocations?: { receivable: string; amount: string; currency: string }[];
  credits?: { document: string; amount: string }[];
  adjustments?: { kind: string; amount: string }[];
  unapplied?: string;
  rule?: string | null;
  stage?: string | null;
  score?: number;
  reasons: string[];
  settlementId?: string | null;
  candidates?: CandidateView[];
  duplicateOf?: string;
  /** An unmatched receipt from a payer whose debt was written off: the recovery proposed instead. */
  recovery?: RecoveryProposal;
}

export interface RunReport {
  runId: string;
  dryRun: boolean;
  ruleSet: { key: string; version: number; contentHash?: string };
  counts: { receipts: number; auto: number; suggested: number; unmatched: number; held: number };
  /** Automatic decisions the ledger refused when posting (an amount a clerk settled meanwhile). */
  conflicts: number;
  byRule: { rule: string; stage: string; auto: number; suggested: number }[];
  gaveUp: number;
  settlements: ReportEntry[];
  suggestions: ReportEntry[];
  unmatched: ReportEntry[];
  held: ReportEntry[];
  /** Unmatched receipts from payers whose debts were written off, each with the recovery proposed (not posted). */
  recoveries: ReportEntry[];
  /** Alerts this run raised as in-app notifications (new ones only; none in a dry run). */
  alerts: number;
}

export const reportReceipt = (r: MatchReceipt): ReportReceipt => ({
  id: r.id,
  number: r.number,
  endToEndId: r.endToEndId,
  bankReference: r.bankReference,
  amount: r.amount,
  currency: r.currency,
});

/** One decision as the report prints it; `names` turns customer ids into `code name`. */
export function reportEntry(
  d: EngineDecision,
  r: MatchReceipt,
  names: (id: string | null) => string | null,
  extra: { decisionId?: string; settlementId?: string | null } = {},
): ReportEntry {
  const base: ReportEntry = { receipt: reportReceipt(r), ...extra, reasons: d.reasons };
  if (d.outcome === 'unmatched' || d.outcome === 'held')
    return {
      ...base,
      customer: names(d.customerId),
      candidates: d.candidates,
      ...(d.duplicateOf ? { duplicateOf: d.duplicateOf } : {}),
    };
  return {
    ...base,
    customer: names(d.customerId),
    allocations: d.allocations.map((a) => ({ receivable: a.number, amount: a.amount, currency: a.currency })),
    ...(d.credits.length ? { credits: d.credits.map((c) => ({ document: c.number, amount: c.amount })) } : {}),
    adjustments: d.adjustments.map((a) => ({ kind: a.kind, amount: a.amount })),
    ...(Number(d.unapplied) > 0 ? { unapplied: d.unapplied } : {}),
    rule: d.rule,
    stage: d.stage,
    score: d.score,
  };
}
