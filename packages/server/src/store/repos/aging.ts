import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { promisedDates } from './collections.ts';
import { inCustomerScope, type RowScope } from './customers.ts';

/** Where days start: a document date column or a custom date field; `terms` then moves it to the due date. */
export interface StartSpec {
  column?: 'due_date' | 'document_date' | 'posting_date' | 'value_date';
  customField?: string;
  terms?: { type: 'net' | 'endOfMonth'; days: number };
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
  customerId?: string;
  /** Items with an open promise to pay start from the promised date (the collection plan's expected date). */
  promised?: boolean;
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
  if (!s.terms) return base;
  if (s.terms.type === 'net') return sql`(${base} + ${s.terms.days}::int)`;
  return sql`((date_trunc('month', ${base}) + interval '1 month - 1 day')::date + ${s.terms.days}::int)`;
}

function startOf(q: AgingQuery): SQL {
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
        )}) THEN ${startExpr(spec)}`,
    ),
    ...Object.entries(q.startByObjectType).map(([type, s]) => sql`WHEN d.object_type = ${type} THEN ${startExpr(s)}`),
  ];
  if (!whens.length) return startExpr(q.start);
  return sql`CASE ${sql.join(whens, sql` `)} ELSE ${startExpr(q.start)} END`;
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
  const base = sql`coalesce(o.due_date, nd.document_date)`;
  if (!s.terms) return base;
  if (s.terms.type === 'net') return sql`(${base} + ${s.terms.days}::int)`;
  return sql`((date_trunc('month', ${base}) + interval '1 month - 1 day')::date + ${s.terms.days}::int)`;
}

function bucketOf(q: AgingQuery, start: SQL): SQL {
  const days = sql`(${q.asOf}::date - ${start})`;
  const whens = q.bounds.map((b, i) => sql`WHEN ${days} <= ${b}::int THEN ${i}`);
  return sql`CASE WHEN ${start} IS NULL THEN -1 ${sql.join(whens, sql` `)} ELSE ${q.bounds.length} END`;
}

/**
 * Debit open items as they stood at the end of `asOf` (by posting date: the document posted by then, less
 * the settlements posted by then), bucketed by days from their start date and summed per group and bucket,
 * one page of groups (largest base total first) plus every bucket's total. Settlements posted after `asOf`
 * are added back to today's open amounts, so the past is exact without replaying the whole ledger.
 */
export async function agingCells(db: Executor, tenantId: string, q: AgingQuery): Promise<AgingCell[]> {
  const g = groupOf(q.group);
  const fast = byDueDateOnly(q, g);
  const moved = (s: SQL) => (q.promised ? sql`coalesce(pr.d, ${s})` : s);
  const start = moved(startOf(q));
  const promisedJoin = q.promised ? sql`LEFT JOIN promised pr ON pr.id = o.document_id` : sql``;
  const conds = [sql`o.tenant_id = ${tenantId}`, sql`o.side = 'debit'`];
  conds.push(sql`(o.status <> 'settled' OR l.id IS NOT NULL)`);
  if (q.customerId) conds.push(sql`o.customer_id = ${q.customerId}`);
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
