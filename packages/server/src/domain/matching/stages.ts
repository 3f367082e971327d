import { compile, type CompiledRule } from '@hexiao/dsl';
import type { CandidateIndex, DocKeyKind, Item } from './candidate-index.ts';
import { fitAmount, toleranceOf, type Fit } from './fit.ts';
import { fromMinor } from './minor.ts';
import type { PayerIndex, PayerResult } from './payer.ts';
import { customerRecord, itemRecord, receiptRecord } from './records.ts';
import {
  digitKeysIn,
  documentKeysIn,
  refKey,
  structuredKey,
  structuredKeysIn,
  type ReferenceHit,
  type Token,
} from './references.ts';
import type { MatchKey } from './rule-set-schema.ts';
import type { Points, ResolvedRule, ResolvedRuleSet } from './settings.ts';
import { readShape, type CompiledShape } from './reference-shapes.ts';
import { findSubsets } from './subset.ts';
import type { CandidateView, Evidence, MatchReceipt, MatchSnapshot } from './types.ts';

/** A receipt during a run. */
export interface ReceiptState {
  r: MatchReceipt;
  currency: string;
  amount: number;
  date: string;
  tokens: () => Token[];
  payer: PayerResult;
  failures: CandidateView[];
  record?: Record<string, unknown>;
  /** Document keys found in the text, per key kind (several rules read the same text). */
  refHits?: Map<DocKeyKind, ReferenceHit[]>;
}

/** What a rule proposes for a receipt, before the gate. */
export interface Proposal {
  st: ReceiptState;
  rule: ResolvedRule;
  customerId: string | null;
  fit: Fit;
  evidence: Evidence[];
  ambiguous: string[];
  reasons: string[];
}

export interface StageContext {
  index: CandidateIndex;
  payers: PayerIndex;
  settings: ResolvedRuleSet;
  snapshot: MatchSnapshot;
  /** Subset searches that ran out of budget. */
  gaveUp: { count: number };
}

const methodKey: Record<string, MatchKey> = {
  receipt: 'payer-account',
  account: 'payer-account',
  'tax-id': 'tax-id',
  name: 'payer-name',
  'fuzzy-name': 'payer-fuzzy-name',
};

/** The payer as this rule may see it: a method the rule's keys leave out does not identify. */
function payerFor(rule: ResolvedRule, st: ReceiptState): PayerResult | null {
  const p = st.payer;
  return p.customerId && p.method && rule.keys.has(methodKey[p.method]!) ? p : null;
}

function partyEvidence(p: PayerResult, points: Points): Evidence {
  const pts =
    p.method === 'name' ? points.partyName : p.method === 'fuzzy-name' ? points.partyFuzzyName : points.partyAccount;
  return { family: 'party', code: `party-${p.method}`, points: pts, detail: p.detail };
}

const dayMs = 86_400_000;
const dateCache = new Map<string, number>();
function dayNumber(d: string): number {
  let v = dateCache.get(d);
  if (v === undefined) {
    v = Date.parse(`${d}T00:00:00Z`) / dayMs;
    if (dateCache.size > 50_000) dateCache.clear();
    dateCache.set(d, v);
  }
  return v;
}

const inWindow = (rule: ResolvedRule, st: ReceiptState, it: Item) => {
  const gap = dayNumber(it.src.documentDate) - dayNumber(st.date);
  return gap <= rule.daysBefore && -gap <= rule.daysAfter;
};

const compiled = new WeakMap<object, CompiledRule>();
function compiledOf(logic: unknown): CompiledRule {
  const key = logic as object;
  let fn = compiled.get(key);
  if (!fn) {
    fn = compile(logic);
    compiled.set(key, fn);
  }
  return fn;
}

export function ruleData(
  ctx: StageContext,
  st: ReceiptState,
  it: Item | undefined,
  candidates: Item[],
  candidateRecords = candidates.map(itemRecord),
) {
  st.record ??= receiptRecord(st.r);
  return {
    receipt: st.record,
    receivable: it ? itemRecord(it) : null,
    customer: customerRecord(it?.customerId ? ctx.payers.customers.get(it.customerId) : undefined),
    candidates: candidateRecords,
  };
}

/** The rule's JSON-Logic filter over each candidate; a rule without one keeps them all. */
function filtered(ctx: StageContext, rule: ResolvedRule, st: ReceiptState, items: Item[]): Item[] {
  if (rule.doc.filter === undefined || items.length === 0) return items;
  const fn = compiledOf(rule.doc.filter);
  const records = items.map(itemRecord);
  return items.filter((it) => Boolean(fn(ruleData(ctx, st, it, items, records))));
}

function fail(
  st: ReceiptState,
  rule: ResolvedRule,
  items: Item[],
  customerId: string | null,
  score: number,
  why: string,
) {
  st.failures.push({
    receivables: items.map((i) => i.src.number),
    customerId,
    amount: fromMinor(
      items.reduce((s, i) => s + (i.side === 'debit' ? i.rem : -i.rem), 0),
      items[0]?.currency ?? st.currency,
    ),
    score,
    rule: rule.name,
    failed: why,
  });
}

function fitFor(
  ctx: StageContext,
  rule: ResolvedRule,
  st: ReceiptState,
  debits: Item[],
  credits: Item[],
  loose: boolean,
) {
  return fitAmount({
    receiptAmount: st.amount,
    receiptCurrency: st.currency,
    date: st.date,
    debits,
    credits,
    rule,
    partial: loose && rule.partial,
    overpayment: loose && rule.overpayment,
    rate: ctx.snapshot.rate,
    points: ctx.settings.points,
  });
}

/**
 * Proposes a settlement through a reference (end-to-end id, structured reference, document numbers): the
 * referenced documents, the payer checked against their customers, the amount checked by fitAmount.
 */
function viaReference(
  ctx: StageContext,
  rule: ResolvedRule,
  st: ReceiptState,
  items: Item[],
  refEvidence: Evidence,
  ambiguous: string[],
): Proposal | null {
  const candidates = filtered(
    ctx,
    rule,
    st,
    items.filter((i) => i.rem > 0 && inWindow(rule, st, i)),
  );
  if (candidates.length === 0) {
    if (items.length)
      fail(
        st,
        rule,
        items,
        items[0]!.customerId,
        refEvidence.points,
        'the referenced documents are settled or outside the date window',
      );
    return null;
  }
  const payer = payerFor(rule, st);
  const customers = [...new Set(candidates.map((i) => i.customerId).filter((c): c is string => c !== null))];
  const evidence: Evidence[] = [refEvidence];
  const amb = [...ambiguous];
  let customerId: string | null;
  if (payer) {
    const group = ctx.payers.group(payer.customerId!);
    const outside = candidates.filter((i) => i.customerId && !group.has(i.customerId));
    if (outside.length === 0) {
      customerId = payer.customerId;
      evidence.push(partyEvidence(payer, ctx.settings.points));
    } else {
      customerId = ctx.payers.commonPayer(customers);
      amb.push(
        `payer is ${ctx.payers.name(payer.customerId)} but ${outside[0]!.src.number} belongs to ${ctx.payers.name(outside[0]!.customerId)}`,
      );
    }
  } else {
    customerId = ctx.payers.commonPayer(customers);
    if (!customerId && customers.length) {
      fail(
        st,
        rule,
        candidates,
        null,
        refEvidence.points,
        'the referenced documents belong to customers of different groups',
      );
      return null;
    }
    evidence.push({
      family: null,
      code: 'party-implied',
      points: 0,
      detail: `customer of the referenced documents: ${ctx.payers.name(customerId)}`,
    });
  }
  const debits = candidates.filter((i) => i.side === 'debit');
  const credits = candidates.filter((i) => i.side === 'credit');
  const f = fitFor(ctx, rule, st, ordered(ctx, rule, st, debits), credits, true);
  if (typeof f === 'string') {
    fail(
      st,
      rule,
      candidates,
      customerId,
      evidence.reduce((s, e) => s + e.points, 0),
      f,
    );
    return null;
  }
  return { st, rule, customerId, fit: f, evidence: [...evidence, ...f.evidence], ambiguous: amb, reasons: f.reasons };
}

/** Debits in the rule's allocation order (referenced order for references unless the rule says otherwise). */
function ordered(ctx: StageContext, rule: ResolvedRule, st: ReceiptState, debits: Item[]): Item[] {
  const a = rule.allocation;
  if (a === 'referenced') return debits;
  const byDue = (x: Item, y: Item) => (x.due < y.due ? -1 : x.due > y.due ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  if (a === 'oldest-due') return [...debits].sort(byDue);
  if (a === 'smallest-first') return [...debits].sort((x, y) => x.rem - y.rem || byDue(x, y));
  const fn = compiledOf(a.expression);
  const keyed = debits.map((d) => ({ d, k: fn(ruleData(ctx, st, d, debits)) as number | string }));
  return keyed.sort((x, y) => (x.k < y.k ? -1 : x.k > y.k ? 1 : byDue(x.d, y.d))).map((x) => x.d);
}

function endToEnd(ctx: StageContext, rule: ResolvedRule, st: ReceiptState): Proposal | null {
  const e2e = st.r.endToEndId;
  if (!e2e || /^NOTPROVIDED$/i.test(e2e)) return null;
  const items = ctx.index.byE2e.get(refKey(e2e));
  if (!items) return null;
  const p = ctx.settings.points.endToEnd;
  return viaReference(
    ctx,
    rule,
    st,
    items,
    { family: 'reference', code: 'end-to-end', points: p, detail: `end-to-end id ${e2e}` },
    items.length > 1 ? [`end-to-end id ${e2e} names ${items.length} documents`] : [],
  );
}

function structured(ctx: StageContext, rule: ResolvedRule, st: ReceiptState): Proposal | null {
  const keys = new Set(structuredKeysIn(st.tokens()));
  const own = structuredKey(st.r.creditorReference);
  if (own) keys.add(own);
  const items = [...keys].flatMap((k) => ctx.index.byStructured.get(k) ?? []);
  if (items.length === 0) return null;
  return viaReference(
    ctx,
    rule,
    st,
    items,
    {
      family: 'reference',
      code: 'structured-reference',
      points: ctx.settings.points.structuredReference,
      detail: `structured reference ${[...keys].map((k) => k.slice(k.indexOf(':') + 1)).join(', ')}`,
    },
    [],
  );
}

const docKinds: readonly [DocKeyKind, string][] = [
  ['document-number', 'document number'],
  ['order-number', 'order number'],
  ['contract-number', 'contract number'],
];

const compiledPatterns = new WeakMap<object, Map<string, RegExp>>();

/**
 * The rule's `patterns`: where one is given for a kind of number, only documents whose number (order number,
 * contract number) matches it are read as that kind.
 */
function patternAllows(rule: ResolvedRule, kind: DocKeyKind, it: Item, contractField: string | undefined): boolean {
  const patterns = rule.doc.patterns;
  if (!patterns) return true;
  const which =
    kind === 'document-number'
      ? it.src.docType === 'credit-note'
        ? 'credit-note'
        : 'invoice'
      : kind === 'order-number'
        ? 'order'
        : 'contract';
  const source = patterns[which];
  if (!source) return true;
  let cache = compiledPatterns.get(patterns);
  if (!cache) compiledPatterns.set(patterns, (cache = new Map()));
  let re = cache.get(which);
  if (!re) cache.set(which, (re = new RegExp(source, 'iu')));
  const value =
    kind === 'document-number'
      ? it.src.number
      : kind === 'order-number'
        ? it.src.orderRef
        : contractField
          ? it.src.custom?.[contractField]
          : undefined;
  return typeof value === 'string' && re.test(value);
}

/** Document numbers read through the rule set's learned shapes, beyond those read as written. */
function learnedHits(
  shapes: readonly CompiledShape[],
  tokens: Token[],
  map: ReadonlyMap<string, unknown>,
  already: readonly ReferenceHit[],
): ReferenceHit[] {
  if (shapes.length === 0) return [];
  const words = new Set(tokens.filter((t) => !t.digits).map((t) => t.text));
  const seen = new Set(already.map((h) => h.key));
  const out: ReferenceHit[] = [];
  for (const shape of shapes) {
    if (shape.text.some((p) => 'word' in p && !words.has(p.word))) continue;
    for (const number of readShape(shape, tokens)) {
      const key = refKey(number);
      if (seen.has(key) || !map.has(key)) continue;
      seen.add(key);
      out.push({ key, form: 'learned', text: shape.shape.text });
    }
  }
  return out;
}

function documents(ctx: StageContext, rule: ResolvedRule, st: ReceiptState): Proposal | null {
  const tokens = st.tokens();
  if (tokens.length === 0) return null;
  const payer = payerFor(rule, st);
  const group = payer ? ctx.payers.group(payer.customerId!) : null;
  const found = new Map<string, Item>();
  const details: string[] = [];
  const ambiguous: string[] = [];
  let strong = false;
  for (const [kind, label] of docKinds) {
    if (!rule.keys.has(kind)) continue;
    const map = ctx.index.mapOf(kind);
    if (map.size === 0) continue;
    st.refHits ??= new Map();
    let hits = st.refHits.get(kind);
    if (!hits) {
      hits = documentKeysIn(tokens, (k) => map.has(k));
      if (kind === 'document-number') hits.push(...learnedHits(ctx.settings.learnedShapes, tokens, map, hits));
      st.refHits.set(kind, hits);
    }
    for (const h of hits) {
      let items = map.get(h.key)!.filter((i) => patternAllows(rule, kind, i, ctx.settings.contractField));
      if (items.length === 0) continue;
      if (items.length > 1 && kind === 'document-number' && group) {
        const mine = items.filter((i) => i.customerId && group.has(i.customerId));
        if (mine.length) items = mine;
      }
      if (items.length > 1 && kind === 'document-number')
        ambiguous.push(`${label} ${items[0]!.src.number} names ${items.length} documents`);
      for (const i of items) found.set(i.id, i);
      if (kind === 'document-number') strong = true;
      details.push(`${label} ${items[0]!.src.number}${h.form === 'as-written' ? '' : ` (${h.form} ${h.text})`}`);
    }
  }
  if (found.size === 0 && rule.keys.has('document-suffix')) {
    // digits only ("payment 20240012"): a suffix must name one document of the payer, or one document at all
    for (const d of digitKeysIn(tokens)) {
      const items = ctx.index.byDigits.get(d);
      if (!items) continue;
      const mine = (group ? items.filter((i) => i.customerId && group.has(i.customerId)) : items).filter((i) =>
        patternAllows(rule, 'document-number', i, ctx.settings.contractField),
      );
      if (mine.length === 1) {
        found.set(mine[0]!.id, mine[0]!);
        details.push(`digits ${d} of ${mine[0]!.src.number}`);
      }
    }
  }
  if (found.size === 0) return null;
  const pts = strong ? ctx.settings.points.documentNumber : ctx.settings.points.documentSuffix;
  return viaReference(
    ctx,
    rule,
    st,
    [...found.values()],
    {
      family: 'reference',
      code: strong ? 'document-number' : 'document-suffix',
      points: pts,
      detail: details.join('; '),
    },
    ambiguous,
  );
}

/** The payer's (and its subsidiaries') open debits in the receipt currency within the date window. */
function payerDebits(ctx: StageContext, rule: ResolvedRule, st: ReceiptState, customerId: string): Item[] {
  const out: Item[] = [];
  for (const c of ctx.payers.group(customerId))
    for (const it of ctx.index.debitsOf.get(c) ?? [])
      if (it.rem > 0 && it.currency === st.currency && inWindow(rule, st, it)) out.push(it);
  return out;
}

function partyLess(ctx: StageContext, rule: ResolvedRule, st: ReceiptState): null {
  const hits = ctx.index.byAmountAny.get(`${st.currency}|${st.amount}`);
  if (hits)
    for (const it of hits.slice(0, 3))
      if (it.rem === it.open)
        fail(st, rule, [it], it.customerId, ctx.settings.points.amountExact, 'payer not identified');
  return null;
}

function exactAmount(ctx: StageContext, rule: ResolvedRule, st: ReceiptState): Proposal | null {
  const payer = payerFor(rule, st);
  if (!payer) return partyLess(ctx, rule, st);
  const hits: Item[] = [];
  for (const c of ctx.payers.group(payer.customerId!))
    for (const it of ctx.index.byAmount.get(`${c}|${st.currency}|${st.amount}`) ?? [])
      if (it.rem === st.amount && inWindow(rule, st, it)) hits.push(it);
  const items = filtered(ctx, rule, st, hits);
  if (items.length === 0) return null;
  items.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1));
  const f = fitFor(ctx, rule, st, [items[0]!], [], false);
  if (typeof f === 'string') return null;
  return {
    st,
    rule,
    customerId: payer.customerId,
    fit: f,
    evidence: [partyEvidence(payer, ctx.settings.points), ...f.evidence],
    ambiguous:
      items.length > 1
        ? [
            `${items.length} open items of ${ctx.payers.name(payer.customerId)} have this amount (${items
              .slice(0, 3)
              .map((i) => i.src.number)
              .join(', ')})`,
          ]
        : [],
    reasons: [],
  };
}

function withinTolerance(ctx: StageContext, rule: ResolvedRule, st: ReceiptState): Proposal | null {
  const payer = payerFor(rule, st);
  if (!payer) return null;
  const fits: { it: Item; f: Fit }[] = [];
  for (const it of filtered(ctx, rule, st, payerDebits(ctx, rule, st, payer.customerId!))) {
    if (Math.abs(it.rem - st.amount) > toleranceOf(rule, it.rem, it.currency)) continue;
    const f = fitFor(ctx, rule, st, [it], [], false);
    if (typeof f !== 'string') fits.push({ it, f });
    else if (fits.length === 0) fail(st, rule, [it], it.customerId, ctx.settings.points.partyAccount, f);
  }
  if (fits.length === 0) return null;
  const { f } = fits[0]!;
  return {
    st,
    rule,
    customerId: payer.customerId,
    fit: f,
    evidence: [partyEvidence(payer, ctx.settings.points), ...f.evidence],
    ambiguous: fits.length > 1 ? [`${fits.length} open items fit within tolerance`] : [],
    reasons: [],
  };
}

function subset(ctx: StageContext, rule: ResolvedRule, st: ReceiptState): Proposal | null {
  const payer = payerFor(rule, st);
  if (!payer) return null;
  const list = filtered(ctx, rule, st, payerDebits(ctx, rule, st, payer.customerId!)).slice(0, rule.subset.maxItems);
  if (list.length < 2) return null;
  const total = list.reduce((s, i) => s + i.rem, 0);
  const tol = toleranceOf(rule, st.amount, st.currency);
  const short = rule.tolerance.adjustment && rule.tolerance.adjustment !== 'rounding' ? tol : 0;
  if (total < st.amount) return null;
  const res = findSubsets({
    amounts: list.map((i) => i.rem),
    lo: st.amount,
    hi: st.amount + short,
    minPick: 2,
    maxPick: rule.subset.maxPick,
    nodeBudget: rule.subset.nodeBudget,
  });
  if (res.gaveUp) {
    ctx.gaveUp.count++;
    fail(
      st,
      rule,
      list.slice(0, 3),
      payer.customerId,
      ctx.settings.points.partyAccount,
      `gave up: subset search budget of ${rule.subset.nodeBudget} nodes spent over ${list.length} open items`,
    );
    if (res.solutions.length === 0) return null;
  }
  if (res.solutions.length === 0) return null;
  const items = res.solutions[0]!.map((k) => list[k]!);
  const f = fitFor(ctx, rule, st, items, [], false);
  if (typeof f === 'string') return null;
  const ambiguous: string[] = [];
  if (res.solutions.length > 1) ambiguous.push('two subsets fit');
  if (res.interchangeable[0]) ambiguous.push('open items of equal amount are interchangeable');
  if (res.gaveUp) ambiguous.push('gave up before proving the subset unique');
  return {
    st,
    rule,
    customerId: payer.customerId,
    fit: f,
    evidence: [
      partyEvidence(payer, ctx.settings.points),
      ...f.evidence,
      {
        family: null,
        code: 'subset',
        points: ambiguous.length ? 0 : ctx.settings.points.uniqueSubset,
        detail: `${items.length} of ${list.length} open items add up (${res.nodes} nodes)`,
      },
    ],
    ambiguous,
    reasons: [],
  };
}

function allocation(ctx: StageContext, rule: ResolvedRule, st: ReceiptState): Proposal | null {
  const payer = payerFor(rule, st);
  if (!payer) return null;
  const debits = ordered(ctx, rule, st, filtered(ctx, rule, st, payerDebits(ctx, rule, st, payer.customerId!)));
  if (debits.length === 0) return null;
  const f = fitFor(ctx, rule, st, debits, [], true);
  if (typeof f === 'string') return null;
  const order = typeof rule.allocation === 'string' ? rule.allocation : 'the rule’s order';
  return {
    st,
    rule,
    customerId: payer.customerId,
    fit: f,
    evidence: [
      partyEvidence(payer, ctx.settings.points),
      { family: null, code: 'allocation-policy', points: 20, detail: `allocated ${order}` },
    ],
    ambiguous: [],
    reasons: f.reasons,
  };
}

export const stageFinders: Record<
  ResolvedRule['stage'],
  (ctx: StageContext, rule: ResolvedRule, st: ReceiptState) => Proposal | null
> = {
  'end-to-end': endToEnd,
  'structured-reference': structured,
  'document-reference': documents,
  amount: exactAmount,
  tolerance: withinTolerance,
  subset,
  allocation,
};

/** Whether a stage finds candidates through a reference (the only stages a suspected duplicate may use). */
export const referenceStages = new Set(['end-to-end', 'structured-reference', 'document-reference']);
