import type { Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import * as repo from '../../store/repos/matching.ts';

export interface RunView {
  id: string;
  kind: string;
  ruleSet: { key: string; version: number; contentHash: string };
  scope: unknown;
  counts: unknown;
  summary: unknown;
  createdBy: string;
  startedAt: string;
  finishedAt: string;
}

const runView = (r: NonNullable<Awaited<ReturnType<typeof repo.getRun>>>): RunView => ({
  id: r.id,
  kind: r.kind,
  ruleSet: { key: r.ruleSetKey, version: r.ruleSetVersion, contentHash: r.ruleSetHash },
  scope: r.scope,
  counts: r.counts,
  summary: r.summary,
  createdBy: r.createdBy,
  startedAt: new Date(r.startedAt).toISOString(),
  finishedAt: new Date(r.finishedAt).toISOString(),
});

export interface DecisionView {
  id: string;
  runId: string;
  receiptId: string;
  outcome: string;
  status: string;
  ruleSet: { key: string; version: number };
  rule: string | null;
  stage: string | null;
  score: number;
  customerId: string | null;
  settlementId: string | null;
  duplicateOf: string | null;
  detail: unknown;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export const decisionView = (d: repo.DecisionRow): DecisionView => ({
  id: d.id,
  runId: d.runId,
  receiptId: d.receiptId,
  outcome: d.outcome,
  status: d.status,
  ruleSet: { key: d.ruleSetKey, version: d.ruleSetVersion },
  rule: d.rule,
  stage: d.stage,
  score: d.score,
  customerId: d.customerId,
  settlementId: d.settlementId,
  duplicateOf: d.duplicateOf,
  detail: d.detail,
  createdAt: new Date(d.createdAt).toISOString(),
  decidedBy: d.decidedBy,
  decidedAt: d.decidedAt ? new Date(d.decidedAt).toISOString() : null,
});

export async function listRunViews(db: Executor, tenantId: string, f: { before?: string; limit: number }) {
  return (await repo.listRuns(db, tenantId, f)).map(runView);
}

/** A run with the decisions it made (every receipt it looked at). */
export async function getRunView(db: Executor, tenantId: string, id: string) {
  const r = await repo.getRun(db, tenantId, id);
  if (!r) throw new HexiaoError('not_found', `matching run ${id} does not exist`);
  return { ...runView(r), decisions: (await repo.decisionsOfRun(db, tenantId, id)).map(decisionView) };
}

export async function getDecisionView(db: Executor, tenantId: string, id: string) {
  const d = await repo.getDecision(db, tenantId, id);
  if (!d) throw new HexiaoError('not_found', `matching decision ${id} does not exist`);
  return decisionView(d);
}
