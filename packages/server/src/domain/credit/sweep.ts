import {
  creditFiguresByCustomer,
  insertDigest,
  insertScores,
  latestScoresBefore,
  listScores,
  noCreditFigures,
  type CreditScoreInsert,
} from '../../store/repos/credit.ts';
import { listCustomerRows } from '../../store/repos/customers.ts';
import { listUsers } from '../../store/repos/users.ts';
import type { ActionCtx } from '../context.ts';
import { actorScope, toCustomer, type Customer } from '../customers/index.ts';
import type { Executor } from '../deps.ts';
import { invalid } from '../errors.ts';
import { isDate, todayIn } from '../ledger/index.ts';
import { dec, minorUnits } from '../money/index.ts';
import { notify, type NotificationInput } from '../notifications/index.ts';
import { metricsOf, policyOf, scorer, type CreditMetrics } from './assess.ts';

export interface CreditSweepReport {
  asOf: string;
  policy: { kind: string; key: string; version: number; contentHash: string } | null;
  /** Customers scored (those with open items, and those whose last stored score is not clean). */
  scored: number;
  /** Scores stored by this sweep (a customer scored today already keeps its row, and raises no alert again). */
  stored: number;
  alerts: { gradeDropped: number; limitExceeded: number; overdueAbove: number };
  notifications: number;
  /** The weekly digest of the riskiest customers, when this sweep sent it. */
  digest: { customers: number; recipients: number } | null;
}

export interface StoredScore {
  customerId: string;
  asOf: string;
  score: number;
  grade: string;
  exposure: string;
  overdue: string;
  limit: string | null;
  metrics: CreditMetrics;
  policy: string | null;
}

const weekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/**
 * The daily credit sweep (by `serve`'s reminder round, the `credit.sweep` job, `POST /credit-scores/sweep`):
 * scores every customer with something open, or whose last stored score was not clean, under the published
 * policy (the built-in one without), and stores one row per customer and day. Compared with each customer's
 * previous stored score it warns — a grade that dropped, a credit limit the exposure now passes, an overdue
 * amount reaching the policy's threshold — to the sales owner and the roles the policy names; on the policy's
 * weekday it sends the roles subscribed a digest of the riskiest customers, once a week. A second sweep the same
 * day stores and tells nothing again.
 */
export async function runCreditSweep(
  db: Executor & { transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> },
  ctx: ActionCtx,
  input: { asOf?: string } = {},
): Promise<CreditSweepReport> {
  const { tenant } = ctx;
  const today = todayIn(tenant.timeZone);
  if (input.asOf !== undefined && !isDate(input.asOf))
    throw invalid('/asOf', `must be a calendar date YYYY-MM-DD (got ${JSON.stringify(input.asOf)})`);
  const asOf = input.asOf ?? today;
  if (asOf > today) throw invalid('/asOf', `${asOf} is in the future (today is ${today})`);
  const places = minorUnits(tenant.baseCurrency) ?? 2;
  const { doc, ref } = await policyOf(db, tenant.id);
  const score = scorer(doc);
  const figures = await creditFiguresByCustomer(db, tenant.id, asOf);
  const previous = await latestScoresBefore(db, tenant.id, asOf);
  const worst = doc.grades.length - 1;
  const rank = (grade: string) => {
    const i = doc.grades.findIndex((g) => g.grade === grade);
    return i < 0 ? worst : i;
  };
  const ids = [
    ...new Set([...figures.keys(), ...[...previous.values()].filter((p) => p.score < 100).map((p) => p.customerId)]),
  ];
  const customers = new Map((await listCustomerRows(db, tenant.id, ids)).map((c) => [c.id, toCustomer(c)]));
  const rows: CreditScoreInsert[] = [];
  const scored: { customer: Customer; row: CreditScoreInsert; metrics: CreditMetrics }[] = [];
  for (const id of ids) {
    const customer = customers.get(id);
    if (!customer) continue;
    const metrics = metricsOf(figures.get(id) ?? noCreditFigures, places);
    const s = score(metrics, customer, asOf);
    const row: CreditScoreInsert = {
      tenantId: tenant.id,
      customerId: id,
      asOf,
      score: s.score,
      grade: s.grade,
      exposure: metrics.exposure,
      overdue: metrics.overdue,
      creditLimit: customer.creditLimit === null ? null : dec(customer.creditLimit).toFixed(places),
      metrics,
      policyKey: ref?.key ?? null,
      policyVersion: ref?.version ?? null,
    };
    rows.push(row);
    scored.push({ customer, row, metrics });
  }
  const users = (await listUsers(db, tenant.id)).filter((u) => u.status === 'active');
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const inRoles = (roles: readonly string[]) =>
    users.filter((u) => u.roles.some((r) => roles.includes(r))).map((u) => u.id);
  const alertRoles = doc.alerts?.notify?.roles ?? ['finance-manager'];
  const toOwner = doc.alerts?.notify?.salesOwner ?? true;
  const threshold = doc.alerts?.overdueAbove === undefined ? null : dec(doc.alerts.overdueAbove);
  const report: CreditSweepReport = {
    asOf,
    policy: ref,
    scored: rows.length,
    stored: 0,
    alerts: { gradeDropped: 0, limitExceeded: 0, overdueAbove: 0 },
    notifications: 0,
    digest: null,
  };
  await db.transaction(async (tx) => {
    const stored = await insertScores(tx, rows);
    report.stored = stored.size;
    const notes: NotificationInput[] = [];
    for (const { customer, row } of scored) {
      if (!stored.has(customer.id)) continue;
      const before = previous.get(customer.id);
      const found: { kind: 'grade-dropped' | 'limit-exceeded' | 'overdue-above'; title: string; titleZh: string }[] =
        [];
      if (before && rank(row.grade) > rank(before.grade))
        found.push({
          kind: 'grade-dropped',
          title: `${customer.code} ${customer.name}: credit grade ${before.grade} → ${row.grade} (score ${before.score} → ${row.score})`,
          titleZh: `${customer.code} ${customer.name}：信用等级 ${before.grade} → ${row.grade}（评分 ${before.score} → ${row.score}）`,
        });
      const limit = row.creditLimit === null || row.creditLimit === undefined ? null : dec(row.creditLimit);
      const over = (exposure: string | undefined) =>
        limit !== null && exposure !== undefined && dec(exposure).gt(limit);
      if (over(row.exposure) && !over(before?.exposure))
        found.push({
          kind: 'limit-exceeded',
          title: `${customer.code} ${customer.name}: exposure ${row.exposure} passes the credit limit ${row.creditLimit} ${tenant.baseCurrency}`,
          titleZh: `${customer.code} ${customer.name}：风险敞口 ${row.exposure} 超过信用额度 ${row.creditLimit} ${tenant.baseCurrency}`,
        });
      const reaches = (overdue: string | undefined) =>
        threshold !== null && overdue !== undefined && dec(overdue).gte(threshold);
      if (reaches(row.overdue) && !reaches(before?.overdue))
        found.push({
          kind: 'overdue-above',
          title: `${customer.code} ${customer.name}: ${row.overdue} ${tenant.baseCurrency} overdue (alert from ${threshold!.toFixed(places)})`,
          titleZh: `${customer.code} ${customer.name}：逾期 ${row.overdue} ${tenant.baseCurrency}（预警线 ${threshold!.toFixed(places)}）`,
        });
      if (!found.length) continue;
      const owner = toOwner && customer.salesOwner ? byEmail.get(customer.salesOwner.toLowerCase()) : undefined;
      const recipients = [...new Set([...(owner ? [owner] : []), ...inRoles(alertRoles)])].sort();
      for (const a of found) {
        report.alerts[
          a.kind === 'grade-dropped' ? 'gradeDropped' : a.kind === 'limit-exceeded' ? 'limitExceeded' : 'overdueAbove'
        ]++;
        for (const recipient of recipients)
          notes.push({
            recipient,
            source: 'credit',
            kind: `credit.${a.kind}`,
            title: a.title.slice(0, 500),
            titleZh: a.titleZh,
            entityType: 'customer',
            entityId: customer.id,
            payload: {
              customerId: customer.id,
              asOf,
              score: row.score,
              grade: row.grade,
              previous: before ? { asOf: before.asOf, score: before.score, grade: before.grade } : null,
              exposure: row.exposure,
              overdue: row.overdue,
              limit: row.creditLimit ?? null,
            },
          });
      }
    }
    if (doc.digest && weekday(asOf) === (doc.digest.weekday ?? 1)) {
      const recipients = inRoles(doc.digest.roles);
      const risky = scored
        .filter((s) => dec(s.row.overdue).gt(0))
        .sort((a, b) => a.row.score - b.row.score || dec(b.row.overdue).comparedTo(a.row.overdue))
        .slice(0, doc.digest.top ?? 10);
      if (
        recipients.length &&
        (await insertDigest(tx, {
          tenantId: tenant.id,
          weekOf: asOf,
          customers: risky.length,
          recipients: recipients.length,
        }))
      ) {
        report.digest = { customers: risky.length, recipients: recipients.length };
        const list = risky.map((s) => ({
          customerId: s.customer.id,
          code: s.customer.code,
          name: s.customer.name,
          score: s.row.score,
          grade: s.row.grade,
          overdue: s.row.overdue,
          exposure: s.row.exposure,
          maxDaysPastDue: s.metrics.maxDaysPastDue,
        }));
        for (const recipient of recipients)
          notes.push({
            recipient,
            source: 'credit',
            kind: 'credit.digest',
            title: `Weekly risk digest ${asOf}: ${risky.length} customers to watch`,
            titleZh: `每周风险摘要 ${asOf}：${risky.length} 个客户需关注`,
            payload: {
              asOf,
              customers: list,
              body: list.map((c) => `${c.code} ${c.name} · ${c.grade} (${c.score}) · overdue ${c.overdue}`).join('\n'),
            },
          });
      }
    }
    await notify(tx, tenant.id, notes);
    report.notifications = notes.length;
  });
  return report;
}

/** Stored scores, newest first (?customerId, ?asOf), in the actor's data scope. */
export async function listStoredScores(
  db: Executor,
  ctx: ActionCtx,
  f: { customerId?: string; asOf?: string; limit: number },
): Promise<StoredScore[]> {
  const scope = actorScope(ctx.actor);
  const places = minorUnits(ctx.tenant.baseCurrency) ?? 2;
  return (await listScores(db, ctx.tenant.id, { ...f, ...(scope ? { scope } : {}) })).map((r) => ({
    customerId: r.customerId,
    asOf: r.asOf,
    score: r.score,
    grade: r.grade,
    exposure: dec(r.exposure).toFixed(places),
    overdue: dec(r.overdue).toFixed(places),
    limit: r.creditLimit === null ? null : dec(r.creditLimit).toFixed(places),
    metrics: r.metrics as CreditMetrics,
    policy: r.policyKey ? `${r.policyKey}@${r.policyVersion}` : null,
  }));
}
