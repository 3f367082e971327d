import { and, desc, eq, sql } from 'drizzle-orm';
import { rows, type Executor } from '../db.ts';
import { customers, reminders } from '../schema/index.ts';
import { pgArray } from './imports-bulk.ts';
import { inCustomerScope, type CustomerRow, type RowScope } from './customers.ts';

export type ReminderRow = typeof reminders.$inferSelect;
export type ReminderInsert = typeof reminders.$inferInsert;

/**
 * Records reminders; one already recorded for the same (document, plan, level) is left as it is. Returns the
 * (document, level) pairs this call recorded: only those are sent. Rows go in as one array per column (a few
 * statements for a million rows, on both drivers), not as one bind parameter per value.
 */
export async function recordReminders(
  tx: Executor,
  list: ReminderInsert[],
): Promise<{ documentId: string; level: string; customerId: string | null }[]> {
  const out: { documentId: string; level: string; customerId: string | null }[] = [];
  for (let i = 0; i < list.length; i += 20_000) {
    const batch = list.slice(i, i + 20_000);
    const col = (pick: (r: ReminderInsert) => string | number | null | undefined) =>
      pgArray(
        batch.map((r) => {
          const v = pick(r);
          return v === null || v === undefined ? null : String(v);
        }),
      );
    out.push(
      ...(await rows<{ documentId: string; level: string; customerId: string | null }>(
        tx,
        sql`INSERT INTO reminders (tenant_id, id, document_id, customer_id, plan_key, plan_version,
          level, as_of, channel, recipients, subject, created_by)
        SELECT * FROM unnest(${col((r) => r.tenantId)}::uuid[], ${col((r) => r.id)}::uuid[],
          ${col((r) => r.documentId)}::uuid[], ${col((r) => r.customerId)}::uuid[], ${col((r) => r.planKey)}::text[],
          ${col((r) => r.planVersion)}::int[], ${col((r) => r.level)}::text[], ${col((r) => r.asOf)}::date[],
          ${col((r) => r.channel)}::text[], ${col((r) => r.recipients)}::int[], ${col((r) => r.subject)}::text[],
          ${col((r) => r.createdBy)}::text[])
        ON CONFLICT (tenant_id, document_id, plan_key, level) DO NOTHING
        RETURNING document_id AS "documentId", level, customer_id AS "customerId"`,
      )),
    );
  }
  return out;
}

/** Reminders sent, newest first, in the actor's data scope (by the receivable's customer). */
export async function listReminders(
  db: Executor,
  tenantId: string,
  f: { customerId?: string; documentId?: string; scope?: RowScope; limit: number },
): Promise<ReminderRow[]> {
  const conds = [eq(reminders.tenantId, tenantId)];
  if (f.customerId) conds.push(eq(reminders.customerId, f.customerId));
  if (f.documentId) conds.push(eq(reminders.documentId, f.documentId));
  const scope = inCustomerScope(reminders.customerId, tenantId, f.scope);
  if (scope) conds.push(scope);
  return db
    .select()
    .from(reminders)
    .where(and(...conds))
    .orderBy(desc(reminders.createdAt), sql`${reminders.id} DESC`)
    .limit(f.limit);
}

/** Every tenant's id (the tenant registry is readable without a tenant: the scheduled sweep visits each). */
export async function allTenantIds(db: Executor): Promise<string[]> {
  const result = (await db.execute(sql`SELECT tenant_id FROM tenants ORDER BY tenant_id`)) as unknown;
  const rows = (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as {
    tenant_id: string;
  }[];
  return rows.map((r) => r.tenant_id);
}

export interface ReminderItem {
  id: string;
  number: string;
  docType: string;
  receivableType: string;
  currency: string;
  amount: string;
  openAmount: string;
  postingDate: string;
  dueDate: string | null;
  customerId: string;
  /** Levels of the plan already recorded for this item. */
  sent: string[] | null;
}

/** What a level needs of an item to be read: days past due in one of `windows` (null = unbounded), or anything. */
export interface LevelWindow {
  level: string;
  all: boolean;
  windows: [number | null, number | null][];
}

const openDebit = (tenantId: string) =>
  sql`o.tenant_id = ${tenantId} AND o.side = 'debit' AND o.status <> 'settled' AND o.customer_id IS NOT NULL`;

/** How many open debit items with a customer the tenant has (what a sweep looks over). */
export async function countOpenForReminders(db: Executor, tenantId: string): Promise<number> {
  const [r] = await rows<{ n: string }>(
    db,
    sql`SELECT count(*)::text AS n FROM open_items o WHERE ${openDebit(tenantId)}`,
  );
  return Number(r!.n);
}

/**
 * The open debit items a sweep must evaluate, with what a reminder rule reads of their documents: per level,
 * those in its windows of days past due (as of `asOf`) that the plan never recorded at that level; and always
 * the items without a due date, those further than `sampled` days from it, and the `flagged` ones (disputes,
 * promises). Each comes with the plan's levels already recorded for it.
 */
export async function reminderCandidates(
  db: Executor,
  tenantId: string,
  q: { asOf: string; planKey: string; levels: LevelWindow[]; flagged: string[]; sampled: number; limit: number },
): Promise<ReminderItem[]> {
  const dpd = sql`(${q.asOf}::date - o.due_date)`;
  const inWindow = ([lo, hi]: [number | null, number | null]) =>
    sql`(${sql.join(
      [
        ...(lo === null ? [] : [sql`${dpd} >= ${lo}::int`]),
        ...(hi === null ? [] : [sql`${dpd} <= ${hi}::int`]),
        sql`o.due_date IS NOT NULL`,
      ],
      sql` AND `,
    )})`;
  const notSent = (level: string) => sql`NOT EXISTS (SELECT 1 FROM reminders r WHERE r.tenant_id = ${tenantId}
    AND r.document_id = o.document_id AND r.plan_key = ${q.planKey} AND r.level = ${level})`;
  const perLevel = q.levels
    .filter((l) => l.all || l.windows.length)
    .map((l) => {
      const window = l.all ? sql`true` : sql`(${sql.join(l.windows.map(inWindow), sql` OR `)})`;
      return sql`SELECT o.document_id AS id FROM open_items o WHERE ${openDebit(tenantId)} AND ${window} AND ${notSent(l.level)}`;
    });
  const always = sql`SELECT o.document_id AS id FROM open_items o WHERE ${openDebit(tenantId)}
    AND (o.due_date IS NULL OR ${dpd} < ${-q.sampled}::int OR ${dpd} > ${q.sampled}::int${
      q.flagged.length ? sql` OR o.document_id = ANY(${pgArray(q.flagged)}::uuid[])` : sql``
    })`;
  // the anti-joins hash what each level recorded (a million rows on a large book): in memory, not in batches on disk
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    return rows<ReminderItem>(
      tx,
      sql`WITH cand AS (${sql.join([always, ...perLevel], sql` UNION `)})
    SELECT d.id, d.number, d.doc_type AS "docType", d.receivable_type AS "receivableType",
      d.currency::text AS currency, d.amount::text AS amount, o.open_amount::text AS "openAmount",
      d.posting_date::text AS "postingDate", d.due_date::text AS "dueDate", o.customer_id AS "customerId",
      (SELECT array_agg(r.level) FROM reminders r WHERE r.tenant_id = ${tenantId} AND r.document_id = d.id
        AND r.plan_key = ${q.planKey}) AS sent
    FROM cand
    JOIN open_items o ON ${openDebit(tenantId)} AND o.document_id = cand.id
    JOIN ledger_documents d ON d.tenant_id = o.tenant_id AND d.id = o.document_id
    ORDER BY o.due_date NULLS LAST, o.document_id
    LIMIT ${q.limit}`,
    );
  });
}

/** The tenant's customers that have open debit items. */
export async function customersWithOpenItems(db: Executor, tenantId: string): Promise<CustomerRow[]> {
  return db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.tenantId, tenantId),
        sql`${customers.id} IN (SELECT customer_id FROM open_items WHERE tenant_id = ${tenantId} AND side = 'debit' AND status <> 'settled')`,
      ),
    );
}
