import * as repo from '../../store/repos/matching.ts';
import { lockOpenItems } from '../../store/repos/open-items.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { Db, Executor } from '../deps.ts';
import { getDefinition, type DefinitionVersion } from '../definitions/index.ts';
import { HexiaoError, isHexiaoError } from '../errors.ts';
import { newId } from '../ids.ts';
import { todayIn, type LedgerDeps } from '../ledger/index.ts';
import { allocateMany } from '../settlement/index.ts';
import { defaultRuleSetKey } from './default-rule-set.ts';
import { matchReceipts, type EngineDecision } from './engine.ts';
import { alertsOf, raiseAlerts } from './alerts.ts';
import { decisionLines, postDecision, postTogether } from './post-decisions.ts';
import { recoveryProposals } from './recovery-proposals.ts';
import { reportEntry, type RunReport } from './report.ts';
import type { RuleSetDocument } from './rule-set-schema.ts';
import { seedDefaultRuleSet } from './rule-set.kind.ts';
import { loadSnapshot, type ReceiptScope } from './snapshot.ts';
import { noProgress, type ReportProgress } from '../progress.ts';
import type { MatchReceipt } from './types.ts';

export interface RunInput {
  dryRun?: boolean;
  ruleSet?: { key: string; version?: number };
  scope?: ReceiptScope;
  /** Posting date of the settlements (default: today in the tenant's time zone). */
  postingDate?: string;
  /** How many automatic decisions are posted per transaction. */
  batchSize?: number;
}

/** The published rule set a run uses (the default one is given to a tenant that has none yet). */
export async function resolveRuleSetVersion(
  deps: LedgerDeps,
  ctx: ActionCtx,
  ref: { key: string; version?: number } = { key: defaultRuleSetKey },
): Promise<DefinitionVersion<RuleSetDocument>> {
  try {
    const v = await getDefinition<RuleSetDocument>(
      deps.db,
      ctx.tenant.id,
      'rule-set',
      ref.key,
      ref.version ?? 'current',
    );
    if (v.status === 'draft' && ref.version === undefined)
      throw new HexiaoError('not_found', `rule-set/${ref.key} has no published version`);
    return v;
  } catch (e) {
    if (!(isHexiaoError(e) && e.type === 'not_found' && ref.key === defaultRuleSetKey && ref.version === undefined))
      throw e;
    await deps.db.transaction((tx) => seedDefaultRuleSet(tx, ctx, deps.auditKey));
    return getDefinition<RuleSetDocument>(deps.db, ctx.tenant.id, 'rule-set', ref.key, 'current');
  }
}

const statusOf = (d: EngineDecision) => (d.outcome === 'suggested' ? 'open' : d.outcome === 'auto' ? 'posted' : 'none');

/**
 * A matching run: reads one snapshot, lets the engine decide every receipt in scope, and (unless a dry run)
 * posts the automatic decisions in batches through the ledger's locked path and stores every decision with
 * the rule-set version, rule, score, evidence and explain trace. Receipts anyone has settled any part of are
 * not in scope, so a second run over the same data posts nothing new, and a run never touches a settlement a
 * person made.
 */
export async function runMatching(
  deps: LedgerDeps,
  ctx: ActionCtx,
  input: RunInput = {},
  progress: ReportProgress = noProgress,
): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const runId = newId();
  const dryRun = Boolean(input.dryRun);
  const today = todayIn(ctx.tenant.timeZone);
  const ruleSet = await resolveRuleSetVersion(deps, ctx, input.ruleSet);
  await progress({ done: 0, phase: 'reading' });
  const snapshot = await loadSnapshot(deps.db, ctx.tenant, input.scope ?? {}, today);
  const total = snapshot.receipts.length;
  await progress({ done: 0, total, phase: 'deciding' });
  const result = matchReceipts(
    snapshot,
    { key: ruleSet.key, version: ruleSet.version, contentHash: ruleSet.contentHash, document: ruleSet.document },
    { explain: !dryRun },
  );
  const receipts = new Map<string, MatchReceipt>(snapshot.receipts.map((r) => [r.id, r]));
  const customers = new Map(snapshot.customers.map((c) => [c.id, `${c.code} ${c.name}`]));
  const names = (id: string | null) => (id ? (customers.get(id) ?? id) : null);
  const report: RunReport = {
    runId,
    dryRun,
    ruleSet: result.ruleSet,
    counts: result.counts,
    conflicts: 0,
    byRule: result.byRule,
    gaveUp: result.gaveUp,
    settlements: [],
    suggestions: [],
    unmatched: [],
    held: [],
    recoveries: [],
    alerts: 0,
  };
  const postingDate = input.postingDate ?? today;
  const ids = new Map(result.decisions.map((d) => [d.receiptId, newId()]));
  const settled = new Map<string, { settlementId: string | null; conflict?: string }>();

  if (!dryRun) {
    await deps.db.transaction(async (tx) => {
      await repo.insertRun(tx, {
        tenantId: ctx.tenant.id,
        id: runId,
        kind: 'run',
        ruleSetKey: ruleSet.key,
        ruleSetVersion: ruleSet.version,
        ruleSetHash: ruleSet.contentHash,
        scope: input.scope ?? {},
        counts: result.counts,
        summary: {},
        createdBy: ctx.actor.name,
        startedAt,
      });
      // earlier open suggestions for these receipts give way to this run's decisions
      await repo.supersedeOpenSuggestions(tx, ctx.tenant.id, [...receipts.keys()], `run ${runId}`);
    });
    const auto = result.decisions.filter((d) => d.outcome === 'auto');
    const size = input.batchSize ?? 200;
    // the engine has decided every receipt: what is left is posting the automatic ones
    await progress({ done: total - auto.length, total, phase: 'posting' });
    for (let i = 0; i < auto.length; i += size) {
      const batch = auto.slice(i, i + size);
      await deps.db.transaction(async (tx) => {
        const inner = { ...deps, db: tx as Db };
        // every open item the batch touches, locked first and in id order: a clerk's allocation locks its items
        // the same way before the voucher counter, so the two wait for each other instead of deadlocking
        const locked = await lockOpenItems(
          tx,
          ctx.tenant.id,
          batch.flatMap((d) => [
            d.receiptId,
            ...d.allocations.map((a) => a.documentId),
            ...d.credits.map((c) => c.documentId),
          ]),
        );
        const reasonOf = (d: EngineDecision) =>
          `matching run ${runId}: ${ruleSet.key} v${ruleSet.version} rule ${d.rule}, score ${d.score}`;
        const dateOf = (r: MatchReceipt) => (postingDate < r.documentDate ? r.documentDate : postingDate);
        // a decision that crosses currencies (its rates checked against the day's table) goes through the ledger
        // one at a time; the rest are posted together, or one at a time when that is refused
        const crosses = (d: EngineDecision) =>
          [...d.allocations.map((a) => a.documentId), ...d.credits.map((c) => c.documentId)].some(
            (id) => locked.get(id)?.document.currency !== receipts.get(d.receiptId)!.currency,
          );
        const one = async (d: EngineDecision) => {
          const r = receipts.get(d.receiptId)!;
          settled.set(
            d.receiptId,
            await postDecision(inner, ctx, d, r, { postingDate: dateOf(r), reason: reasonOf(d) }),
          );
        };
        for (const d of batch.filter(crosses)) await one(d);
        const together = batch.filter((d) => !crosses(d));
        const outcomes = await postTogether(
          inner,
          ctx,
          together.map((d) => {
            const receipt = receipts.get(d.receiptId)!;
            return { d, receipt, postingDate: dateOf(receipt), reason: reasonOf(d) };
          }),
        );
        if (outcomes) together.forEach((d, k) => settled.set(d.receiptId, outcomes[k]!));
        else {
          for (const d of together.filter((x) => x.adjustments.length)) await one(d);
          const plain = together.filter((x) => !x.adjustments.length);
          const many = await allocateMany(
            inner,
            ctx,
            plain.map((d) => {
              const r = receipts.get(d.receiptId)!;
              return { ...decisionLines(d, r), postingDate: dateOf(r), reason: reasonOf(d) };
            }),
          );
          plain.forEach((d, k) => settled.set(d.receiptId, many[k]!));
        }
        await repo.insertDecisions(
          tx,
          batch.map((d) => decisionRow(ctx, runId, ruleSet, ids.get(d.receiptId)!, d, settled.get(d.receiptId))),
        );
      });
      await progress({ done: total - auto.length + i + batch.length, total, phase: 'posting' });
    }
    await deps.db.transaction(async (tx) => {
      await repo.insertDecisions(
        tx,
        result.decisions
          .filter((d) => d.outcome !== 'auto')
          .map((d) => decisionRow(ctx, runId, ruleSet, ids.get(d.receiptId)!, d)),
      );
      const conflicts = [...settled.values()].filter((s) => s.conflict).length;
      await repo.updateRunSummary(tx, ctx.tenant.id, runId, {
        counts: result.counts,
        summary: { byRule: result.byRule, gaveUp: result.gaveUp, conflicts, postingDate },
      });
      const alerts = alertsOf(
        result.decisions.filter((d) => !settled.get(d.receiptId)?.conflict),
        receipts,
        ruleSet.document.alerts,
        today,
      );
      report.alerts = await raiseAlerts(tx, ctx.tenant.id, alerts, { runId, roles: ruleSet.document.alerts?.roles });
      await recordAudit(tx, ctx, deps.auditKey, {
        action: 'matching.run',
        entityType: 'matching-run',
        entityId: runId,
        after: { counts: result.counts, conflicts, scope: input.scope ?? {} },
        definitions: [{ kind: 'rule-set', key: ruleSet.key, version: ruleSet.version }],
      });
    });
  }

  for (const d of result.decisions) {
    const r = receipts.get(d.receiptId)!;
    const decisionId = dryRun ? undefined : ids.get(d.receiptId);
    const post = settled.get(d.receiptId);
    if (d.outcome === 'auto' && post?.conflict) {
      report.conflicts++;
      report.unmatched.push({
        ...reportEntry({ ...d, outcome: 'unmatched' }, r, names, { decisionId }),
        reasons: [`not posted: ${post.conflict}`],
      });
      continue;
    }
    const entry = reportEntry(d, r, names, { ...(decisionId ? { decisionId } : {}) });
    if (d.outcome === 'auto')
      report.settlements.push({ ...entry, ...(post ? { settlementId: post.settlementId } : {}) });
    else if (d.outcome === 'suggested') report.suggestions.push(entry);
    else if (d.outcome === 'held') report.held.push(entry);
    else report.unmatched.push(entry);
  }
  await proposeRecoveries(deps.db, ctx.tenant.id, report, result.decisions);
  return report;
}

/** Moves unmatched receipts of payers with written-off debts from `unmatched` to `recoveries`, with the proposal. */
async function proposeRecoveries(db: Executor, tenantId: string, report: RunReport, decisions: EngineDecision[]) {
  const customerOf = new Map(decisions.map((d) => [d.receiptId, d.customerId]));
  const proposals = await recoveryProposals(
    db,
    tenantId,
    report.unmatched
      .filter((e) => !e.reasons.some((x) => x.startsWith('not posted:')))
      .map((e) => ({
        id: e.receipt.id,
        customerId: customerOf.get(e.receipt.id) ?? null,
        currency: e.receipt.currency,
        open: e.receipt.amount,
      })),
  );
  if (proposals.size === 0) return;
  report.recoveries = report.unmatched
    .filter((e) => proposals.has(e.receipt.id))
    .map((e) => {
      const p = proposals.get(e.receipt.id)!;
      return {
        ...e,
        recovery: p,
        reasons: [
          ...e.reasons,
          `the payer's debt ${p.writeOffNumber} was written off (${p.left} ${p.currency} left to recover): confirm the recovery with POST /api/v1/recoveries`,
        ],
      };
    });
  report.unmatched = report.unmatched.filter((e) => !proposals.has(e.receipt.id));
}

function decisionRow(
  ctx: ActionCtx,
  runId: string,
  ruleSet: { key: string; version: number },
  id: string,
  d: EngineDecision,
  posted?: { settlementId: string | null; conflict?: string },
): repo.DecisionInsert {
  return {
    tenantId: ctx.tenant.id,
    id,
    runId,
    receiptId: d.receiptId,
    outcome: d.outcome,
    status: posted?.conflict ? 'conflict' : statusOf(d),
    ruleSetKey: ruleSet.key,
    ruleSetVersion: ruleSet.version,
    rule: d.rule,
    stage: d.stage,
    score: d.score,
    customerId: d.customerId,
    detail: {
      payer: d.payer,
      evidence: d.evidence,
      reasons: posted?.conflict ? [...d.reasons, `not posted: ${posted.conflict}`] : d.reasons,
      allocations: d.allocations,
      credits: d.credits,
      adjustments: d.adjustments,
      unapplied: d.unapplied,
      lines: d.lines,
      candidates: d.candidates,
      ...(d.trace ? { trace: d.trace } : {}),
    },
    settlementId: posted?.settlementId ?? null,
    duplicateOf: d.duplicateOf ?? null,
  };
}

/**
 * The run an import's connector config asks for (`options.match`), over the receipts that import posted; the
 * import's caller runs it once the import is stored. Returns the run's summary, or null when none was asked.
 */
export async function matchAfterImport(
  deps: LedgerDeps,
  ctx: ActionCtx,
  report: { importId: string | null; matchRequested?: 'dry-run' | 'post' },
) {
  if (!report.importId || !report.matchRequested) return null;
  const run = await runMatching(deps, ctx, {
    dryRun: report.matchRequested === 'dry-run',
    scope: { importId: report.importId },
  });
  return { runId: run.runId, dryRun: run.dryRun, counts: run.counts, conflicts: run.conflicts, alerts: run.alerts };
}
