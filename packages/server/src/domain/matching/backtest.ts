import { Decimal } from '@hexiao/dsl';
import * as repo from '../../store/repos/matching.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { getDefinition, type DefinitionVersion } from '../definitions/index.ts';
import { HexiaoError, invalid, isHexiaoError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { LedgerDeps } from '../ledger/index.ts';
import { matchReceipts, type EngineDecision, type EngineResult } from './engine.ts';
import type { RuleSetDocument } from './rule-set-schema.ts';
import { resolveRuleSetVersion } from './runs.ts';
import { loadHistorySnapshot } from './snapshot.ts';
import type { MatchReceipt } from './types.ts';

/** A rule whose automatic settlements are right less often than this (in %) should only suggest. */
export const demotionPrecision = 99.9;
const maxChanges = 200;
const maxDays = 366;

export interface BacktestInput {
  /** The rule set to try: a version, or its draft when none is given (the version in force when it has none). */
  ruleSet: { key: string; version?: number };
  /** What it is compared with: the published version of the same key unless given. */
  against?: { key: string; version?: number };
  from: string;
  to: string;
}

interface RuleFigures {
  rule: string;
  stage: string;
  auto: number;
  suggested: number;
  /** Automatic settlements of receipts people have settled since (the ones that can be checked). */
  verifiable: number;
  correct: number;
  precision: number | null;
  flaggedForDemotion: boolean;
}

interface Figures {
  ruleSet: { key: string; version: number; status: string };
  counts: EngineResult['counts'];
  /** Receipts settled automatically, in % of the period's receipts. */
  matchRate: number;
  /** What the automatic settlements would have applied, per currency. */
  amountMatched: Record<string, string>;
  verifiable: number;
  correct: number;
  /** Automatic settlements that agree with what people settled, in % of the verifiable ones. */
  precision: number | null;
  byRule: RuleFigures[];
}

interface Explanation {
  outcome: string;
  rule: string | null;
  stage: string | null;
  score: number;
  allocations: { receivable: string; amount: string }[];
  reasons: string[];
  evidence: { code: string; points: number; detail: string }[];
}

const pct = (a: number, b: number) => (b === 0 ? null : Math.floor((a / b) * 10000) / 100);
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function figures(v: DefinitionVersion<RuleSetDocument>, r: EngineResult, truth: Map<string, string[]>): Figures {
  const amount = new Map<string, Decimal>();
  const rules = new Map<string, RuleFigures>(
    r.byRule.map((b) => [b.rule, { ...b, verifiable: 0, correct: 0, precision: null, flaggedForDemotion: false }]),
  );
  let verifiable = 0;
  let correct = 0;
  for (const d of r.decisions) {
    if (d.outcome !== 'auto') continue;
    const cur = d.allocations[0]?.currency;
    const applied = d.allocations.reduce((s, a) => s.plus(a.receiptAmount), new Decimal(0));
    const ccy = cur ?? 'XXX';
    amount.set(ccy, (amount.get(ccy) ?? new Decimal(0)).plus(applied));
    const actual = truth.get(d.receiptId);
    if (!actual) continue;
    const rf = rules.get(d.rule!)!;
    verifiable++;
    rf.verifiable++;
    if (
      sameSet(
        d.allocations.map((a) => a.documentId),
        actual,
      )
    ) {
      correct++;
      rf.correct++;
    }
  }
  for (const rf of rules.values()) {
    rf.precision = pct(rf.correct, rf.verifiable);
    rf.flaggedForDemotion = rf.precision !== null && rf.precision < demotionPrecision;
  }
  return {
    ruleSet: { key: v.key, version: v.version, status: v.status },
    counts: r.counts,
    matchRate: pct(r.counts.auto, r.counts.receipts) ?? 0,
    amountMatched: Object.fromEntries([...amount].map(([k, x]) => [k, x.toFixed()])),
    verifiable,
    correct,
    precision: pct(correct, verifiable),
    byRule: [...rules.values()],
  };
}

const explanation = (d: EngineDecision): Explanation => ({
  outcome: d.outcome,
  rule: d.rule,
  stage: d.stage,
  score: d.score,
  allocations: d.allocations.map((a) => ({ receivable: a.number, amount: a.amount })),
  reasons: d.reasons,
  evidence: d.evidence.map((e) => ({ code: e.code, points: e.points, detail: e.detail })),
});

async function version(
  db: Executor,
  tenantId: string,
  ref: { key: string; version?: number },
  which: 'draft' | 'current',
  pointer: string,
) {
  try {
    return await getDefinition<RuleSetDocument>(db, tenantId, 'rule-set', ref.key, ref.version ?? which);
  } catch (e) {
    if (isHexiaoError(e) && e.type === 'not_found')
      throw invalid(
        pointer,
        ref.version
          ? `rule-set/${ref.key} has no version ${ref.version}`
          : `rule-set/${ref.key} has no ${which === 'draft' ? 'draft' : 'published version'}`,
      );
    throw e;
  }
}

/**
 * Backtest (ENGINES.md §1.5): runs a rule set (a draft, typically) and the published one over a period of
 * history as it stood before anyone settled it, posting nothing, and compares both with what people actually
 * settled: match rate, amount matched, precision per rule (a rule under 99.9 % is flagged for demotion to
 * `suggest`), and each receipt whose outcome changes with both explanations. The result is kept as a run of
 * kind `backtest` and audited with both rule-set versions.
 */
export async function runBacktest(deps: LedgerDeps, ctx: ActionCtx, input: BacktestInput) {
  if (input.from > input.to) throw invalid('/to', 'must not be before from');
  const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000;
  if (days > maxDays) throw invalid('/to', `a backtest covers at most ${maxDays} days`);
  const startedAt = new Date().toISOString();
  const db = deps.db;
  // its draft, else (nothing changed yet) the version in force: the figures then show the two agree
  const candidate =
    input.ruleSet.version === undefined
      ? await version(db, ctx.tenant.id, input.ruleSet, 'draft', '/ruleSet').catch((e) =>
          isHexiaoError(e) && /has no draft/.test(e.message)
            ? version(db, ctx.tenant.id, input.ruleSet, 'current', '/ruleSet')
            : Promise.reject(e),
        )
      : await version(db, ctx.tenant.id, input.ruleSet, 'draft', '/ruleSet');
  const against = input.against
    ? await version(db, ctx.tenant.id, input.against, 'current', '/against')
    : await resolveRuleSetVersion(deps, ctx, { key: input.ruleSet.key }).catch(() => resolveRuleSetVersion(deps, ctx));
  const snapshot = await loadHistorySnapshot(db, ctx.tenant, input.from, input.to);
  const truth = new Map<string, string[]>();
  for (const a of await repo.historyAllocations(db, ctx.tenant.id, input.from, input.to)) {
    const l = truth.get(a.receipt_id);
    if (l) l.push(a.document_id);
    else truth.set(a.receipt_id, [a.document_id]);
  }
  const run = (v: DefinitionVersion<RuleSetDocument>) =>
    matchReceipts(snapshot, { key: v.key, version: v.version, contentHash: v.contentHash, document: v.document });
  const mine = run(candidate);
  const theirs = run(against);
  const receipts = new Map<string, MatchReceipt>(snapshot.receipts.map((r) => [r.id, r]));
  const numbers = new Map(snapshot.items.map((i) => [i.id, i.number]));
  const changes = [];
  for (let i = 0; i < mine.decisions.length; i++) {
    const a = mine.decisions[i]!;
    const b = theirs.decisions[i]!;
    const docs = (d: EngineDecision) => d.allocations.map((x) => x.documentId);
    if (a.outcome === b.outcome && sameSet(docs(a), docs(b))) continue;
    const r = receipts.get(a.receiptId)!;
    const actual = truth.get(a.receiptId);
    const right = (d: EngineDecision) => (actual && d.outcome === 'auto' ? sameSet(docs(d), actual) : null);
    changes.push({
      receipt: { id: r.id, number: r.number, amount: r.amount, currency: r.currency, text: r.text },
      settledByPeople: actual ? actual.map((id) => numbers.get(id) ?? id) : null,
      candidate: { ...explanation(a), agreesWithPeople: right(a) },
      published: { ...explanation(b), agreesWithPeople: right(b) },
    });
  }
  const id = newId();
  const result = {
    backtestId: id,
    period: { from: input.from, to: input.to },
    receipts: snapshot.receipts.length,
    settledByPeople: [...truth.keys()].filter((k) => receipts.has(k)).length,
    candidate: figures(candidate, mine, truth),
    published: figures(against, theirs, truth),
    changes: { total: changes.length, items: changes.slice(0, maxChanges) },
  };
  const demote = result.candidate.byRule.filter((r) => r.flaggedForDemotion).map((r) => r.rule);
  const out = { ...result, flaggedForDemotion: demote };
  await db.transaction(async (tx) => {
    await repo.insertRun(tx, {
      tenantId: ctx.tenant.id,
      id,
      kind: 'backtest',
      ruleSetKey: candidate.key,
      ruleSetVersion: candidate.version,
      ruleSetHash: candidate.contentHash ?? '',
      scope: { from: input.from, to: input.to, against: { key: against.key, version: against.version } },
      counts: mine.counts,
      summary: out,
      createdBy: ctx.actor.name,
      startedAt,
    });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'matching.backtest',
      entityType: 'matching-run',
      entityId: id,
      after: { period: result.period, precision: result.candidate.precision, flaggedForDemotion: demote },
      definitions: [
        { kind: 'rule-set', key: candidate.key, version: candidate.version },
        { kind: 'rule-set', key: against.key, version: against.version },
      ],
    });
  });
  return out;
}

/** What a backtest answers, and keeps. */
export type BacktestResult = Awaited<ReturnType<typeof runBacktest>>;

/** A stored backtest's result. */
export async function getBacktest(db: Executor, tenantId: string, id: string) {
  const r = await repo.getRun(db, tenantId, id);
  if (!r || r.kind !== 'backtest') throw new HexiaoError('not_found', `matching backtest ${id} does not exist`);
  // stored by runBacktest as it answered (jsonb keeps the JSON it was given)
  return r.summary as BacktestResult;
}
