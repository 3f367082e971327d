import { explain } from '@hexiao/dsl';
import { CandidateIndex, type Item } from './candidate-index.ts';
import { fromMinor, toMinor } from './minor.ts';
import { PayerIndex } from './payer.ts';
import { refKey, tokenize, type Token } from './references.ts';
import { resolveRuleSet, type ResolvedRule } from './settings.ts';
import {
  referenceStages,
  ruleData,
  stageFinders,
  type Proposal,
  type ReceiptState,
  type StageContext,
} from './stages.ts';
import type {
  Decision,
  Evidence,
  MatchResult,
  MatchSnapshot,
  RuleSetRef,
  SettledReceipt,
  StageCount,
} from './types.ts';

export interface MatchOptions {
  /** Attach the rules-language explain trace of the deciding rule's filter and score to each decision. */
  explain?: boolean;
}

/** One line of the settlement a decision posts; `receipt` and `adjustment` stand for documents posted with it. */
export type LineRef = { kind: 'document'; id: string } | { kind: 'receipt' } | { kind: 'adjustment'; index: number };
export interface DecisionLine {
  debit: LineRef;
  credit: LineRef;
  /** In the debit side's currency. */
  amount: string;
  /** In the credit side's currency. */
  creditAmount: string;
}

export type EngineDecision = Decision & { lines: DecisionLine[]; trace?: { filter?: unknown; score?: unknown } };
export type EngineResult = Omit<MatchResult, 'decisions'> & { decisions: EngineDecision[] };

const emptyTokens: Token[] = [];

/** A key that says "the same payment": payer, currency, amount and the reference text. */
function fingerprint(r: {
  customerId: string | null;
  payerAccount: string | null;
  currency: string;
  amount: string;
  text: string | null;
}) {
  const ref = r.text ? refKey(r.text) : '';
  if (!ref) return null;
  const payer = r.customerId ?? (r.payerAccount ? refKey(r.payerAccount) : '');
  if (!payer) return null;
  return `${payer}|${r.currency}|${toMinor(r.amount, r.currency)}|${ref}`;
}

/**
 * The matching engine (ENGINES.md §1.5): pure, over a snapshot, no SQL. Builds the hash-map indexes once, guards
 * against duplicate payments, then runs the rules in order as passes over the receipts still undecided. Within a
 * pass every proposal is computed against the open amounts at the start of the pass, and receipts that claim more
 * of a document than is open are all demoted to suggestions, so the result does not depend on the order in which
 * receipts arrive.
 */
export function matchReceipts(snapshot: MatchSnapshot, ruleSet: RuleSetRef, options: MatchOptions = {}): EngineResult {
  const settings = resolveRuleSet(ruleSet.document);
  const payers = new PayerIndex(snapshot.customers, settings.learnedPayers);
  const index = new CandidateIndex(snapshot.items, settings.contractField);
  const ctx: StageContext = { index, payers, settings, snapshot, gaveUp: { count: 0 } };
  const decisions = new Map<string, EngineDecision>();
  const byRule = new Map<string, StageCount>(
    settings.rules.map((r) => [r.name, { rule: r.name, stage: r.stage, auto: 0, suggested: 0 }]),
  );

  function base(st: ReceiptState, outcome: Decision['outcome'], reasons: string[]): EngineDecision {
    return {
      receiptId: st.r.id,
      outcome,
      rule: null,
      stage: null,
      score: 0,
      customerId: st.payer.customerId,
      payer: { customerId: st.payer.customerId, method: st.payer.method, confidence: st.payer.confidence },
      evidence: [],
      reasons,
      allocations: [],
      credits: [],
      adjustments: [],
      unapplied: st.r.amount,
      candidates: [...st.failures].sort((a, b) => b.score - a.score).slice(0, 3),
      lines: [],
    };
  }

  const states: ReceiptState[] = [];
  for (const r of snapshot.receipts) {
    let tokens: Token[] | undefined;
    const st: ReceiptState = {
      r,
      currency: r.currency,
      amount: toMinor(r.amount, r.currency),
      date: r.valueDate ?? r.documentDate,
      tokens: () =>
        (tokens ??=
          r.text || r.creditorReference ? tokenize(`${r.creditorReference ?? ''} ${r.text ?? ''}`) : emptyTokens),
      payer: { customerId: null, method: null, confidence: 0, detail: '' },
      failures: [],
    };
    if (!(st.amount > 0)) {
      decisions.set(
        r.id,
        base(st, 'unmatched', ['the amount cannot be matched (not a positive amount in whole minor units)']),
      );
      continue;
    }
    st.payer = payers.identify(r, st.tokens, settings.fuzzy);
    states.push(st);
  }

  // S0 guard: the same payment twice (already settled, or twice in this run: the earliest goes on)
  const duplicates = new Map<string, SettledReceipt | ReceiptState>();
  const settled = new Map<string, SettledReceipt>();
  for (const s of snapshot.settledReceipts ?? []) {
    const f = fingerprint(s);
    if (f && !settled.has(f)) settled.set(f, s);
  }
  const firstInRun = new Map<string, ReceiptState>();
  const sorted = [...states].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.r.id < b.r.id ? -1 : 1));
  for (const st of sorted) {
    const f = fingerprint({ ...st.r, customerId: st.payer.customerId ?? st.r.customerId });
    if (!f) continue;
    const old = settled.get(f);
    if (old) duplicates.set(st.r.id, old);
    else if (firstInRun.has(f)) duplicates.set(st.r.id, firstInRun.get(f)!);
    else firstInRun.set(f, st);
  }

  const pass = (rule: ResolvedRule, list: ReceiptState[]) => {
    const finder = stageFinders[rule.stage];
    const proposals: Proposal[] = [];
    for (const st of list) {
      if (decisions.has(st.r.id)) continue;
      try {
        const p = finder(ctx, rule, st);
        if (p) proposals.push(p);
      } catch (e) {
        st.failures.push({
          receivables: [],
          customerId: null,
          amount: st.r.amount,
          score: 0,
          rule: rule.name,
          failed: `rule failed: ${(e as Error).message}`,
        });
      }
    }
    settle(proposals);
  };

  const setKey = (ids: readonly string[]) => [...ids].sort().join('|');
  const rejected = new Map([...(snapshot.rejected ?? [])].map(([r, sets]) => [r, new Set(sets.map(setKey))]));
  // what a person rejected for a receipt is never proposed for it again: the receipt goes on to the next rules
  const wasRejected = (p: Proposal) => {
    const sets = rejected.get(p.st.r.id);
    if (!sets?.has(setKey(p.fit.debits.map((d) => d.item.id)))) return false;
    p.st.failures.push({
      receivables: p.fit.debits.map((d) => d.item.src.number),
      customerId: p.customerId,
      amount: fromMinor(
        p.fit.debits.reduce((s, d) => s + d.amount, 0),
        p.fit.debits[0]?.item.currency ?? p.st.currency,
      ),
      score: 0,
      rule: p.rule.name,
      failed: 'a person rejected this settlement for this receipt',
    });
    return true;
  };

  const settle = (proposals: Proposal[]) => {
    const scored = proposals.filter((p) => !wasRejected(p)).map((p) => gate(p));
    // claims of the proposals that would post, per document: more than is open means none of them posts
    const claims = new Map<Item, number>();
    for (const g of scored) {
      if (!g.auto) continue;
      for (const d of g.p.fit.debits) claims.set(d.item, (claims.get(d.item) ?? 0) + d.amount);
      for (const c of g.p.fit.credits) claims.set(c.item, (claims.get(c.item) ?? 0) + c.amount);
    }
    for (const g of scored) {
      if (!g.auto) continue;
      const contested = [...g.p.fit.debits.map((d) => d.item), ...g.p.fit.credits.map((c) => c.item)].find(
        (i) => claims.get(i)! > i.rem,
      );
      if (contested) {
        g.auto = false;
        g.p.ambiguous.push(`another receipt in this run claims ${contested.src.number} too`);
        g.why.push(`another receipt in this run claims ${contested.src.number} too`);
      }
    }
    for (const g of scored) {
      const { p } = g;
      if (g.auto) {
        for (const d of p.fit.debits) d.item.rem -= d.amount;
        for (const c of p.fit.credits) c.item.rem -= c.amount;
        decisions.set(p.st.r.id, decide(p, 'auto', g.score, g.why));
        byRule.get(p.rule.name)!.auto++;
      } else if (g.score >= settings.suggestThreshold) {
        decisions.set(p.st.r.id, decide(p, 'suggested', g.score, g.why));
        byRule.get(p.rule.name)!.suggested++;
      } else {
        p.st.failures.push({
          receivables: p.fit.debits.map((d) => d.item.src.number),
          customerId: p.customerId,
          amount: fromMinor(
            p.fit.debits.reduce((s, d) => s + d.amount, 0),
            p.fit.debits[0]?.item.currency ?? p.st.currency,
          ),
          score: g.score,
          rule: p.rule.name,
          failed: g.why.join('; '),
        });
      }
    }
  };

  const gate = (p: Proposal) => {
    const evidence = [...p.evidence];
    const early = p.fit.debits.find((d) => p.st.date < d.item.src.documentDate);
    if (early)
      evidence.push({
        family: null,
        code: 'receipt-before-document',
        points: settings.points.receiptBeforeDocument,
        detail: `received ${p.st.date}, before ${early.item.src.number} of ${early.item.src.documentDate}`,
      });
    if (p.rule.doc.score !== undefined) {
      const items = p.fit.debits.map((d) => d.item);
      const v = Number(explainFree(p.rule.doc.score, ruleData(ctx, p.st, items[0], items)));
      if (Number.isFinite(v) && v !== 0)
        evidence.push({ family: null, code: 'rule-score', points: v, detail: `rule ${p.rule.name} score` });
    }
    p.evidence = evidence;
    const score = Math.max(0, Math.min(100, Math.round(evidence.reduce((s, e) => s + e.points, 0))));
    const families = new Set(evidence.filter((e) => e.family && e.points > 0).map((e) => e.family));
    const why: string[] = [];
    if (p.rule.mode !== 'auto') why.push(`rule ${p.rule.name} only suggests`);
    if (score < p.rule.threshold) why.push(`score ${score} < threshold ${p.rule.threshold}`);
    if (families.size < 2)
      why.push(`only ${families.size ? [...families].join('') : 'no'} evidence; two kinds are needed`);
    why.push(...p.ambiguous);
    if (p.fit.debits.length === 0) why.push('nothing to settle');
    return { p, score, why, auto: why.length === 0 };
  };

  const explainFree = (logic: unknown, data: unknown) => explain(logic, data).result;

  const decide = (p: Proposal, outcome: 'auto' | 'suggested', score: number, why: string[]): EngineDecision => {
    const st = p.st;
    const d: EngineDecision = {
      ...base(st, outcome, [...p.reasons, ...(outcome === 'auto' ? [] : why)]),
      rule: p.rule.name,
      stage: p.rule.stage,
      score,
      customerId: p.customerId,
      evidence: p.evidence,
      allocations: p.fit.debits.map((x) => ({
        documentId: x.item.id,
        number: x.item.src.number,
        customerId: x.item.customerId,
        amount: fromMinor(x.amount, x.item.currency),
        currency: x.item.currency,
        receiptAmount: fromMinor(x.receiptPart, st.currency),
      })),
      credits: p.fit.credits.map((c) => ({
        documentId: c.item.id,
        number: c.item.src.number,
        customerId: c.item.customerId,
        amount: fromMinor(c.amount, c.item.currency),
        currency: c.item.currency,
      })),
      adjustments: p.fit.adjustments.map((a) => ({ ...a, amount: fromMinor(a.amount, a.currency) })),
      unapplied: fromMinor(p.fit.unapplied, st.currency),
      candidates: [],
      lines: linesOf(p),
    };
    if (options.explain && (p.rule.doc.filter !== undefined || p.rule.doc.score !== undefined)) {
      const items = p.fit.debits.map((x) => x.item);
      const data = ruleData(ctx, st, items[0], items);
      d.trace = {
        ...(p.rule.doc.filter !== undefined ? { filter: explain(p.rule.doc.filter, data).trace } : {}),
        ...(p.rule.doc.score !== undefined ? { score: explain(p.rule.doc.score, data).trace } : {}),
      };
    }
    return d;
  };

  for (const rule of settings.rules)
    pass(
      rule,
      states.filter((s) => !duplicates.has(s.r.id)),
    );
  // a suspected duplicate may still pay what its reference leaves open (an instalment); otherwise a person decides
  const suspects = states.filter((s) => duplicates.has(s.r.id));
  for (const rule of settings.rules) if (referenceStages.has(rule.stage)) pass(rule, suspects);
  for (const st of suspects) {
    const d = decisions.get(st.r.id);
    if (d && d.allocations.length && !(d.outcome === 'auto' && Number(d.unapplied) > 0)) continue;
    const dup = duplicates.get(st.r.id)!;
    const of = 'r' in dup ? dup.r : dup;
    decisions.set(st.r.id, {
      ...base(st, 'held', [
        `suspected duplicate: same payer, amount and reference as ${of.number}${'r' in dup ? ' in this run' : ', already settled'}`,
      ]),
      stage: 'guard',
      duplicateOf: of.id,
    });
  }
  for (const st of states)
    if (!decisions.has(st.r.id))
      decisions.set(
        st.r.id,
        base(st, 'unmatched', st.payer.customerId ? [] : [st.payer.detail || 'payer not identified']),
      );

  const out = snapshot.receipts.map((r) => decisions.get(r.id)!);
  const counts = { receipts: out.length, auto: 0, suggested: 0, unmatched: 0, held: 0 };
  for (const d of out) counts[d.outcome]++;
  return {
    ruleSet: {
      key: ruleSet.key,
      version: ruleSet.version,
      ...(ruleSet.contentHash ? { contentHash: ruleSet.contentHash } : {}),
    },
    decisions: out,
    counts,
    byRule: [...byRule.values()],
    gaveUp: ctx.gaveUp.count,
  };
}

/**
 * The settlement lines of a proposal: credit notes and a shortfall adjustment settle the documents first (in
 * order), then the receipt; a rounding adjustment (a debit) takes the receipt's excess.
 */
function linesOf(p: Proposal): DecisionLine[] {
  const ccy = p.st.currency;
  const lines: DecisionLine[] = [];
  const sources: { ref: LineRef; left: number; currency: string }[] = [
    ...p.fit.credits.map((c) => ({
      ref: { kind: 'document', id: c.item.id } as LineRef,
      left: c.amount,
      currency: c.item.currency,
    })),
    ...p.fit.adjustments.flatMap((a, index) =>
      a.documentId ? [{ ref: { kind: 'adjustment', index } as LineRef, left: a.amount, currency: a.currency }] : [],
    ),
  ];
  for (const d of p.fit.debits) {
    // across currencies only the receipt pays (no credit notes or adjustments): all of the document's part
    const fromReceipt = d.item.currency === ccy ? d.receiptPart : d.amount;
    let need = d.amount - fromReceipt;
    for (const s of sources) {
      if (need <= 0) break;
      const take = Math.min(need, s.left);
      if (take <= 0) continue;
      s.left -= take;
      need -= take;
      lines.push({
        debit: { kind: 'document', id: d.item.id },
        credit: s.ref,
        amount: fromMinor(take, d.item.currency),
        creditAmount: fromMinor(take, s.currency),
      });
    }
    if (d.receiptPart > 0)
      lines.push({
        debit: { kind: 'document', id: d.item.id },
        credit: { kind: 'receipt' },
        amount: fromMinor(fromReceipt, d.item.currency),
        creditAmount: fromMinor(d.receiptPart, ccy),
      });
  }
  p.fit.adjustments.forEach((a, index) => {
    if (!a.documentId)
      lines.push({
        debit: { kind: 'adjustment', index },
        credit: { kind: 'receipt' },
        amount: fromMinor(a.amount, a.currency),
        creditAmount: fromMinor(a.amount, ccy),
      });
  });
  return lines;
}

export type { Evidence };
