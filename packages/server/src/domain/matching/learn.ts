import * as repo from '../../store/repos/matching.ts';
import type { ActionCtx } from '../context.ts';
import { saveDraft, type DefinitionsDeps } from '../definitions/index.ts';
import { invalid } from '../errors.ts';
import { runBacktest } from './backtest.ts';
import { learnShapes, type ShapeProposal } from './learn-shapes.ts';
import type { ReferenceShape } from './reference-shapes.ts';
import { defaultRuleSetKey } from './default-rule-set.ts';
import { refKey } from './references.ts';
import type { RuleSetDocument } from './rule-set-schema.ts';
import { resolveRuleSetVersion } from './runs.ts';

export interface LearnInput {
  /** The published rule set the proposal extends (default: `default`). */
  ruleSet?: { key: string };
  from: string;
  to: string;
  /** How many receipts settled by hand a pattern needs before it is proposed (default 3). */
  minSettlements?: number;
}

export interface PayerProposal {
  kind: 'payer-account';
  account: string;
  customer: { id: string; code: string; name: string };
  settlements: number;
}

/**
 * Learned proposals, made into a draft rule set `<key>-proposal` copied from the published one, with a backtest of
 * that draft against it over the same period attached:
 * - payer accounts clerks keep settling by hand for the same customer (and on file for nobody) become
 *   `learnedPayers`; an account settled for two customers, or on file for another, is skipped with the reason;
 * - shapes in which payers write document numbers the engine does not read (`learnShapes`) become
 *   `learnedReferences`.
 * Nothing is published: an analyst reviews the draft and publishes it (or copies what they accept) themselves.
 */
export async function proposeRules(deps: DefinitionsDeps, ctx: ActionCtx, input: LearnInput) {
  if (input.from > input.to) throw invalid('/to', 'must not be before from');
  const min = input.minSettlements ?? 3;
  const key = input.ruleSet?.key ?? defaultRuleSetKey;
  const published = await resolveRuleSetVersion(deps, ctx, { key });
  const customers = new Map((await repo.matchCustomers(deps.db, ctx.tenant.id)).map((c) => [c.id, c]));
  const onFile = new Map<string, string>();
  for (const c of customers.values()) for (const a of c.accounts ?? []) onFile.set(refKey(a), c.id);
  const known = new Set((published.document.learnedPayers ?? []).map((l) => refKey(l.account)));

  const byAccount = new Map<string, { account: string; counts: Map<string, number> }>();
  for (const r of await repo.handSettledPayerAccounts(deps.db, ctx.tenant.id, input.from, input.to)) {
    const k = refKey(r.account);
    if (!k) continue;
    const e = byAccount.get(k) ?? { account: r.account, counts: new Map<string, number>() };
    e.counts.set(r.customer_id, (e.counts.get(r.customer_id) ?? 0) + r.receipts);
    byAccount.set(k, e);
  }
  const proposals: (PayerProposal | ShapeProposal)[] = [];
  const skipped: ({ account: string; reason: string } | { shape: ReferenceShape; reason: string })[] = [];
  const name = (id: string) => {
    const c = customers.get(id);
    return c ? `${c.code} ${c.name}` : id;
  };
  for (const [k, e] of [...byAccount].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const ranked = [...e.counts].sort((a, b) => b[1] - a[1]);
    const [customerId, n] = ranked[0]!;
    const others = ranked.slice(1);
    if (known.has(k)) continue;
    if (onFile.has(k)) {
      if (onFile.get(k) !== customerId)
        skipped.push({ account: e.account, reason: `on file for ${name(onFile.get(k)!)}` });
      continue;
    }
    if (others.length) {
      skipped.push({
        account: e.account,
        reason: `settled by hand for ${e.counts.size} customers (${[...e.counts.keys()].map(name).join(', ')})`,
      });
      continue;
    }
    if (n < min) continue;
    const c = customers.get(customerId)!;
    proposals.push({
      kind: 'payer-account',
      account: e.account,
      customer: { id: c.id, code: c.code, name: c.name },
      settlements: n,
    });
  }
  const shapes = learnShapes(
    await repo.handSettledTexts(deps.db, ctx.tenant.id, input.from, input.to),
    min,
    published.document.learnedReferences ?? [],
  );
  proposals.push(...shapes.proposals);
  skipped.push(...shapes.skipped);
  if (proposals.length === 0) return { proposals, skipped, draft: null, backtest: null };

  const payers = proposals.filter((p) => p.kind === 'payer-account');
  const references = proposals.filter((p) => p.kind === 'reference-shape');
  const document: RuleSetDocument = {
    ...published.document,
    learnedPayers: [
      ...(published.document.learnedPayers ?? []),
      ...payers.map((p) => ({ account: p.account, customerId: p.customer.id, settlements: p.settlements })),
    ],
    learnedReferences: [
      ...(published.document.learnedReferences ?? []),
      ...references.map((p) => ({ text: p.text, number: p.number, settlements: p.settlements })),
    ],
  };
  const proposalKey = `${key}-proposal`.slice(0, 128);
  const draft = await saveDraft(deps, ctx, {
    kind: 'rule-set',
    key: proposalKey,
    document,
    title: `Proposal: ${[
      payers.length ? `${payers.length} learned payer account(s)` : '',
      references.length ? `${references.length} learned reference shape(s)` : '',
    ]
      .filter(Boolean)
      .join(' and ')} for ${key} v${published.version}`,
    note: `learned from settlements by hand ${input.from} … ${input.to}; review the backtest, then publish`,
  });
  const backtest = await runBacktest(deps, ctx, {
    ruleSet: { key: proposalKey, version: draft.version },
    against: { key, version: published.version },
    from: input.from,
    to: input.to,
  });
  return {
    proposals,
    skipped,
    draft: { kind: 'rule-set', key: proposalKey, version: draft.version, status: draft.status },
    backtest,
  };
}
