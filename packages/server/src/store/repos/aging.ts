import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { promisedDates } from './collections.ts';
import { inCustomerScope, type RowScope } from './customers.ts';

/** Where days start: a document date column or a custom date field; `terms` then moves it to the due date. */
export interface StartSpec {
  column?: 'due_date' | 'document_date' | 'posting_date' | 'value_date';
  customField?: string;
  terms?:
    { type: 'net' | 'endOfMonth'; days: number } | { type: 'instalments'; parts: { days: number; percent?: number }[] };
}

export type AgingGroup =
  | { by: 'customer' | 'customerGroup' | 'salesOwner' | 'region' | 'currency' | 'receivableType' | 'objectType' }
  | { by: 'customerField' | 'documentField'; field: string };

export interface AgingQuery {
  asOf: string;
  start: StartSpec;
  /** Per object type, a start that overrides `start`. */
  startByObjectType: Record<string, StartSpec>;
  /** Per customer id (its contract's), a start that overrides the object type's and `start`. */
  startByCustomer?: Record<string, StartSpec>;
  /** Inclusive upper bounds of every bucket but the last (ascending). */
  bounds: number[];
  group: AgingGroup;
  scope?: RowScope;
  /** Only items in this currency. */
  currency?: string;
  customerId?: string;
  /** Items with an open promise to pay start from the promised date (the collection plan's expected date). */
  promised?: boolean;
  /** Minor units of the currencies that have other than 2 (instalments are cut at them), and of the base currency. */
  minorUnits?: { currencies: Record<string, number>; base: number };
  limit: number;
  offset: number;
}

/** One (group, bucket) cell, or a bucket's total over every group (`group` undefined); bucket -1 = no start date. */
export interface AgingCell {
  total: boolean;
  group: string | null;
  label: string | null;
  bucket: number;
  count: number;
  amount: string;
  base: string;
  groups: number;
}

type Raw = Omit<AgingCell, 'bucket' | 'count' | 'groups'> & { bucket: unknown; count: unknown; groups: unknown };

// A text that is a real calendar date becomes a date, anything else NULL (never a cast error).
const safeDate = (text: SQL) => sql`CASE WHEN ${text} ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN
  CASE WHEN substr(${text}, 9, 2)::int <= extract(day from (substr(${text}, 1, 8) || '01')::date + interval '1 month - 1 day')
  THEN (${text})::date END END`;

function startExpr(s: StartSpec): SQL {
  // a document without a due date is due on its document date (due on receipt)
  const column = s.column ?? 'due_date';
  const base = s.customField
    ? safeDate(sql`d.custom->>${s.customField}`)
    : column === 'due_date'
      ? sql`coalesce(d.due_date, d.document_date)`
      : sql.raw(`d.${column}`);
  return withTerms(base, s);
}

// instalments add each part's days to T0 itself (see `schedule`)
function withTerms(base: SQL, s: StartSpec): SQL {
  if (!s.terms || s.terms.type === 'instalments') return base;
  if (s.terms.type === 'net') return sql`(${base} + ${s.terms.days}::int)`;
  return sql`((date_trunc('month', ${base}) + interval '1 month - 1 day')::date + ${s.terms.days}::int)`;
}

function startOf(q: AgingQuery): SQL {
  return perSpec(q, startExpr);
}

/** An expression chosen per item by the spec that applies to it: its customer's, its object type's or the default. */
function perSpec(q: AgingQuery, expr: (s: StartSpec) => SQL): SQL {
  // customers whose contracts start alike share one branch, however many there are
  const byStart = new Map<string, { spec: StartSpec; ids: string[] }>();
  for (const [id, spec] of Object.entries(q.startByCustomer ?? {})) {
    const k = JSON.stringify(spec);
    byStart.set(k, { spec, ids: [...(byStart.get(k)?.ids ?? []), id] });
  }
  const whens = [
    ...[...byStart.values()].map(
      ({ spec, ids }) =>
        sql`WHEN d.customer_id IN (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) THEN ${expr(spec)}`,
    ),
    ...Object.entries(q.startByObjectType).map(([type, s]) => sql`WHEN d.object_type = ${type} THEN ${expr(s)}`),
  ];
  if (!whens.length) return expr(q.start);
  return sql`CASE ${sql.join(whens, sql` `)} ELSE ${expr(q.start)} END`;
}

const specs = (q: AgingQuery) => [
  q.start,
  ...Object.values(q.startByObjectType),
  ...Object.values(q.startByCustomer ?? {}),
];

const hasInstalments = (q: AgingQuery) => specs(q).some((s) => s.terms?.type === 'instalments');

/**
 * The instalment schedules as rows (plan, days, lo, hi, den): part k of plan p covers the document's amount
 * from lo/den to hi/den and is due `days` after T0. Plan 0 is the single part of every spec without
 * instalments. Shares are whole ten-thousandths of a percent, or k/n for n equal parts, so the last part ends
 * at the whole amount exactly.
 */
function schedule(q: AgingQuery): { planOf: SQL; rows: SQL } {
  const plans = new Map<string, number>();
  const rows: SQL[] = [sql`(0, 0, 0::numeric, 1::numeric, 1::numeric)`];
  const planOf = (s: StartSpec): SQL => {
    if (s.terms?.type !== 'instalments') return sql`0`;
    const key = JSON.stringify(s.terms.parts);
    if (!plans.has(key)) {
      const plan = plans.size + 1;
      plans.set(key, plan);
      const parts = s.terms.parts;
      const equal = parts.every((p) => p.percent === undefined);
      let cum = 0;
      parts.forEach((p, k) => {
        const lo = equal ? k : cum;
        cum = equal ? k + 1 : cum + Math.round(p.percent! * 10_000);
        const den = equal ? parts.length : 1_000_000;
        rows.push(
          sql`(${plan}::int, ${p.days}::int, ${lo}::numeric, ${equal ? k + 1 : cum}::numeric, ${den}::numeric)`,
        );
      });
    }
    return sql`${plans.get(key)!}::int`;
  };
  const expr = perSpec(q, planOf);
  return { planOf: expr, rows: sql.join(rows, sql`, `) };
}

const customerLabel = sql`c.code || ' ' || c.name`;

/**
 * A grouping's key and label: a document's own (computed per item) or its customer's (computed once per
 * customer after the items are summed per customer, so a million items join no customer row).
 */
export function groupOf(g: AgingGroup): { document?: SQL; key: SQL; label: SQL; parent?: true; fromOpenItem?: true } {
  const doc = (document: SQL) => ({ document, key: sql`dkey`, label: sql`dkey` });
  switch (g.by) {
    case 'customer':
      return { key: sql`cid::text`, label: customerLabel };
    case 'customerGroup':
      return {
        key: sql`coalesce(c.parent_id, c.id)::text`,
        label: sql`coalesce(p.code || ' ' || p.name, ${customerLabel})`,
        parent: true,
      };
    case 'salesOwner':
      return { key: sql`c.sales_owner`, label: sql`c.sales_owner` };
    case 'region':
      return { key: sql`c.region`, label: sql`c.region` };
    case 'customerField':
      return { key: sql`c.custom->>${g.field}`, label: sql`c.custom->>${g.field}` };
    case 'currency':
      return { ...doc(sql`o.currency::text`), fromOpenItem: true };
    case 'receivableType':
      return doc(sql`d.receivable_type`);
    case 'objectType':
      return doc(sql`d.object_type`);
    case 'documentField':
      return doc(sql`d.custom->>${g.field}`);
  }
}

/**
 * Aging by due date (the common case) reads the due date the open item carries: only documents without one,
 * and the documents posted after the as-of date, are looked up, so a million items join no document table.
 */
function byDueDateOnly(q: AgingQuery, g: ReturnType<typeof groupOf>): boolean {
  const plain = (s: StartSpec) => !s.customField && (s.column ?? 'due_date') === 'due_date';
  return (
    plain(q.start) &&
    !Object.keys(q.startByObjectType).length &&
    !Object.keys(q.startByCustomer ?? {}).length &&
    (!g.document || !!g.fromOpenItem)
  );
}

function dueDateStart(s: StartSpec): SQL {
  return withTerms(sql`coalesce(o.due_date, nd.document_date)`, s);
}

function bucketOf(q: AgingQuery, start: SQL): SQL {
  const days = sql`(${q.asOf}::date - ${start})`;
  const whens = q.bounds.map((b, i) => sql`WHEN ${days} <= ${b}::int THEN ${i}`);
  return sql`CASE WHEN ${start} IS NULL THEN -1 ${sql.join(whens, sql` `)} ELSE ${q.bounds.length} END`;
}

function currencyUnits(q: AgingQuery): SQL {
  const odd = Object.entries(q.minorUnits?.currencies ?? {}).filter(([, u]) => u !== 2);
  if (!odd.length) return sql`2`;
  return sql`CASE o.currency::text ${sql.join(
    odd.map(([c, u]) => sql`WHEN ${c} THEN ${u}::int`),
    sql` `,
  )} ELSE 2 END`;
}

/**
 * Items under instalment terms, one row per part still open: what was paid by the as-of date settles the
 * earliest parts first, and the base amount is cut in the same proportions (cumulatively, so the parts add up
 * to the item's base amount to the cent). Items under other terms are one part, as in the plain path.
 */
function instalmentItems(q: AgingQuery, g: ReturnType<typeof groupOf>, conds: SQL[], promisedJoin: SQL): SQL {
  const plan = schedule(q);
  const baseUnits = q.minorUnits?.base ?? 2;
  const cut = (share: SQL) =>
    sql`CASE WHEN r.open = 0 THEN 0 ELSE round(r.open_base * greatest(0, ${share} - r.paid) / r.open, ${baseUnits}::int) END`;
  return sql`schedule (plan, days, lo, hi, den) AS (VALUES ${plan.rows}), items AS (
      SELECT r.cid, r.dkey, ${bucketOf(q, sql`coalesce(r.promised, r.start + p.days)`)} AS bucket,
        greatest(0, c.hi - greatest(c.lo, r.paid)) AS open, ${cut(sql`c.hi`)} - ${cut(sql`c.lo`)} AS open_base
      FROM (
        SELECT o.customer_id AS cid, ${g.document ?? sql`NULL::text`} AS dkey, ${startOf(q)} AS start,
          ${q.promised ? sql`pr.d` : sql`NULL::date`} AS promised, ${plan.planOf} AS plan, o.amount AS amt,
          o.open_amount + coalesce(l.amt, 0) AS open, o.open_base_amount + coalesce(l.base, 0) AS open_base,
          greatest(0, least(o.amount, -coalesce(l.amt, 0) + o.amount - o.open_amount)) AS paid, ${currencyUnits(q)} AS mu
        FROM open_items o
        LEFT JOIN later l ON l.id = o.document_id
        JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
        ${promisedJoin}
        WHERE d.posting_date <= ${q.asOf}::date AND ${sql.join(conds, sql` AND `)}
      ) r
      JOIN schedule p ON p.plan = r.plan
      CROSS JOIN LATERAL (SELECT round(r.amt * p.lo / p.den, r.mu) AS lo, round(r.amt * p.hi / p.den, r.mu) AS hi) c`;
}

/**
 * Debit open items as they stood at the end of `asOf` (by posting date: the document posted by then, less
 * the settlements posted by then), bucketed by days from their start date and summed per group and bucket,
 * one page of groups (largest base total first) plus every bucket's total. Settlements posted after `asOf`
 * are added back to today's open amounts, so the past is exact without replaying the whole ledger.
 */
export async function agingCells(db: Executor, tenantId: string, q: AgingQuery): Promise<AgingCell[]> {
  const g = groupOf(q.group);
  const split = hasInstalments(q);
  const fast = !split && byDueDateOnly(q, g);
  const moved = (s: SQL) => (q.promised ? sql`coalesce(pr.d, ${s})` : s);
  const start = moved(startOf(q));
  const promisedJoin = q.promised ? sql`LEFT JOIN promised pr ON pr.id = o.document_id` : sql``;
  const conds = [sql`o.tenant_id = ${tenantId}`, sql`o.side = 'debit'`];
  conds.push(sql`(o.status <> 'settled' OR l.id IS NOT NULL)`);
  if (q.customerId) conds.push(sql`o.customer_id = ${q.customerId}`);
  if (q.currency) conds.push(sql`o.currency = ${q.currency}`);
  const scope = inCustomerScope(sql.raw('o.customer_id'), tenantId, q.scope);
  if (scope) conds.push(scope);
  // the per-customer sums of a million items fit in memory: hash them rather than sort them on disk
  const result = (await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    return tx.execute(sql`
    WITH later AS (
      SELECT sl.debit_document_id AS id, sum(sl.sign * sl.debit_amount) AS amt, sum(sl.sign * sl.debit_base_amount) AS base
      FROM settlements s JOIN settlement_lines sl ON sl.tenant_id = s.tenant_id AND sl.settlement_id = s.id
      WHERE s.tenant_id = ${tenantId} AND s.posting_date > ${q.asOf}::date
      GROUP BY sl.debit_document_id
    ), ${q.promised ? sql`promised AS (${promisedDates(tenantId, q.asOf)}), ` : sql``}${
      fast
        ? sql`posted_later AS (
      SELECT id FROM ledger_documents WHERE tenant_id = ${tenantId} AND posting_date > ${q.asOf}::date
    ), no_due AS (
      SELECT d.id, d.document_date FROM open_items o
      JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
      WHERE o.tenant_id = ${tenantId} AND o.side = 'debit' AND o.due_date IS NULL
    ), items AS (
      SELECT o.customer_id AS cid, ${g.document ?? sql`NULL::text`} AS dkey, ${bucketOf(q, moved(dueDateStart(q.start)))} AS bucket,
        o.open_amount + coalesce(l.amt, 0) AS open, o.open_base_amount + coalesce(l.base, 0) AS open_base
      FROM open_items o
      LEFT JOIN later l ON l.id = o.document_id
      LEFT JOIN posted_later pl ON pl.id = o.document_id
      LEFT JOIN no_due nd ON nd.id = o.document_id
      ${promisedJoin}
      WHERE pl.id IS NULL AND ${sql.join(conds, sql` AND `)}`
        : split
          ? instalmentItems(q, g, conds, promisedJoin)
          : sql`items AS (
      SELECT o.customer_id AS cid, ${g.document ?? sql`NULL::text`} AS dkey, ${bucketOf(q, start)} AS bucket,
        o.open_amount + coalesce(l.amt, 0) AS open, o.open_base_amount + coalesce(l.base, 0) AS open_base
      FROM open_items o
      LEFT JOIN later l ON l.id = o.document_id
      JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
      ${promisedJoin}
      WHERE d.posting_date <= ${q.asOf}::date AND ${sql.join(conds, sql` AND `)}`
    }
    ), per_customer AS (
      SELECT cid, dkey, bucket, count(*)::int AS n, sum(open) AS amt, sum(open_base) AS base
      FROM items WHERE open <> 0 GROUP BY cid, dkey, bucket
    ), cells AS (
      SELECT ${g.key} AS gkey, max(${g.label}) AS glabel, bucket, sum(n)::int AS n, sum(amt) AS amt, sum(base) AS base
      FROM per_customer
      LEFT JOIN customers c ON c.tenant_id = ${tenantId} AND c.id = cid
      ${g.parent ? sql`LEFT JOIN customers p ON p.tenant_id = c.tenant_id AND p.id = c.parent_id` : sql``}
      GROUP BY 1, 3
    ), ranked AS (
      SELECT *, dense_rank() OVER (ORDER BY gtotal DESC, gkey NULLS LAST) AS rn
      FROM (SELECT *, sum(base) OVER (PARTITION BY gkey) AS gtotal FROM cells) t
    ), counted AS (SELECT coalesce(max(rn), 0)::int AS n FROM ranked)
    SELECT false AS total, gkey AS "group", glabel AS label, bucket, n AS count, amt::text AS amount,
      base::text AS base, (SELECT n FROM counted) AS groups, rn AS rank
    FROM ranked
    WHERE rn > ${q.offset}::int AND rn <= ${q.offset + q.limit}::int
    UNION ALL
    SELECT true, NULL, NULL, bucket, sum(n)::int, sum(amt)::text, sum(base)::text, (SELECT n FROM counted), 0
    FROM cells GROUP BY bucket
    ORDER BY rank, bucket`);
  })) as unknown;
  const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as Raw[];
  return rows.map((r) => ({
    total: r.total,
    group: r.group,
    label: r.label,
    amount: r.amount,
    base: r.base,
    bucket: Number(r.bucket),
    count: Number(r.count),
    groups: Number(r.groups),
  }));
}
