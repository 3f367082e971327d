import { compile } from '@hexiao/dsl';
import {
  countOpenForReminders,
  customersWithOpenItems,
  reminderCandidates,
  recordReminders,
  type ReminderInsert,
  type ReminderItem,
} from '../../store/repos/reminders.ts';
import { findCustomer, type CustomerRow } from '../../store/repos/customers.ts';
import { getDocuments } from '../../store/repos/documents.ts';
import { listUsers } from '../../store/repos/users.ts';
import type { ActionCtx } from '../context.ts';
import { toCustomer } from '../customers/index.ts';
import { getDefinition, versionRef } from '../definitions/index.ts';
import type { Executor } from '../deps.ts';
import { invalid, isHexiaoError } from '../errors.ts';
import { newId } from '../ids.ts';
import { isDate, todayIn } from '../ledger/index.ts';
import { dec } from '../money/index.ts';
import { notify, type NotificationInput } from '../notifications/index.ts';
import { customerFacts, daysOverdue } from '../requests/index.ts';
import { collectionFlags, reviewPromises, type BrokenPromise, type CollectionFlags } from '../collections/index.ts';
import type { ReminderPlanDocument } from './reminder-plan.kind.ts';
import { customerRecipient } from './customer-recipient.ts';
import { needOf, sampledDays } from './prefilter.ts';

/** The plan a sweep runs when none is named. */
export const defaultPlanKey = 'default';

/** How many open receivables one sweep reads at most (oldest due first). */
export const maxSwept = 2_000_000;

export interface SweepInput {
  asOf?: string;
  plan?: string;
}

export interface SweepReport {
  asOf: string;
  plan: { kind: string; key: string; version: number; contentHash: string };
  /** Open receivables the sweep looked over. */
  scanned: number;
  /**
   * Of those, the items it read and evaluated: the ones in some level's window of days past due (derived from
   * the level's condition) not yet reminded at that level, those without a due date and those with a dispute or
   * a promise to pay.
   */
  evaluated: number;
  /** (item, level) pairs whose condition holds today and that no earlier sweep recorded. */
  due: number;
  /** Recorded and notified by this sweep. */
  sent: number;
  /** Open items the plan's `pauseWhen` held for: no level was offered. */
  paused: number;
  /** Open items held because a dispute on them is open. */
  disputed: number;
  /** Open items held because the customer promised to pay them by a date not yet passed. */
  promised: number;
  /** Promises to pay this sweep found kept or broken (broken ones are escalated). */
  promises: { kept: number; broken: number; escalations: number };
  /** Due but recorded meanwhile by a concurrent sweep: not sent again. */
  alreadySent: number;
  notifications: number;
  /** Reminders of levels with the customer-email channel: queued to the customer's billingEmail, or not sent for want of one. */
  customerEmails: { queued: number; noAddress: number };
  byLevel: Record<string, { due: number; sent: number }>;
  failures: { count: number; first: { documentId: string; level: string; message: string } | null };
}

type Level = ReminderPlanDocument['levels'][number];

const channelsOf = (level: Level) =>
  (['in-app', 'customer-email'] as const).filter((c) => (level.channels ?? ['in-app']).includes(c));

const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

const noFlags: CollectionFlags = { disputed: false, promisedDate: null, brokenPromises: 0 };

function factsOf(d: ReminderItem, customer: Record<string, unknown>, asOf: string, flags: CollectionFlags) {
  return {
    item: {
      id: d.id,
      number: d.number,
      docType: d.docType,
      receivableType: d.receivableType,
      currency: d.currency,
      amount: dec(d.amount).toFixed(),
      openAmount: dec(d.openAmount).toFixed(),
      postingDate: d.postingDate,
      dueDate: d.dueDate,
      daysOverdue: daysOverdue(d.dueDate, asOf),
      daysPastDue: d.dueDate ? day(asOf) - day(d.dueDate) : null,
      disputed: flags.disputed,
      promisedDate: flags.promisedDate,
      brokenPromises: flags.brokenPromises,
    },
    customer,
    asOf,
  };
}

type Facts = ReturnType<typeof factsOf>;

/** A template part compiled once per sweep: plain text, or a JSON-Logic expression rendered per item. */
function template(text: unknown): (facts: Facts) => string {
  if (typeof text === 'string') return () => text;
  const rule = compile(text);
  return (facts) => {
    const v = rule(facts);
    return v === null || v === undefined ? '' : String(v);
  };
}

async function recipientsFor(db: Executor, tenantId: string) {
  const users = (await listUsers(db, tenantId)).filter((u) => u.status === 'active');
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  return (level: Pick<Level, 'notify'>, customer: CustomerRow): string[] => {
    const out = new Set<string>();
    const owner = customer.salesOwner?.toLowerCase();
    if ((level.notify?.salesOwner ?? true) && owner && byEmail.has(owner)) out.add(byEmail.get(owner)!);
    for (const role of level.notify?.roles ?? []) for (const u of users) if (u.roles.includes(role)) out.add(u.id);
    return [...out].sort();
  };
}

/** A broken promise tells whom the plan's `brokenPromise.notify` names (the sales owner by default). */
async function brokenPromiseNotes(
  tx: Executor,
  tenantId: string,
  broken: BrokenPromise[],
  plan: ReminderPlanDocument,
  customerOf: (id: string) => CustomerRow | undefined,
  recipients: (level: Pick<Level, 'notify'>, customer: CustomerRow) => string[],
): Promise<NotificationInput[]> {
  const numbers = new Map(
    (
      await getDocuments(
        tx,
        tenantId,
        broken.map((b) => b.documentId),
      )
    ).map((d) => [d.id, d.number]),
  );
  return broken.flatMap((b) => {
    const customer = customerOf(b.customerId);
    if (!customer) return [];
    const number = numbers.get(b.documentId) ?? b.documentId;
    return recipients({ notify: plan.brokenPromise?.notify ?? {} }, customer).map((recipient) => ({
      recipient,
      source: 'reminders',
      kind: 'promise.broken',
      title: `${customer.code} broke its promise to pay ${number} by ${b.promisedDate} (${b.paid} of ${b.amount} ${b.currency} paid)`,
      titleZh: `${customer.code} 未兑现承诺：${number} 应于 ${b.promisedDate} 前付款（已付 ${b.paid} / ${b.amount} ${b.currency}）`,
      entityType: 'receivable',
      entityId: b.documentId,
      payload: { promiseId: b.id, ...b, number },
    }));
  });
}

async function planVersion(db: Executor, tenantId: string, key: string) {
  try {
    return await getDefinition<ReminderPlanDocument>(db, tenantId, 'reminder-plan', key);
  } catch (e) {
    if (isHexiaoError(e) && e.type === 'not_found') throw invalid('/plan', `no published reminder-plan ${key}`);
    throw e;
  }
}

/**
 * The daily reminder sweep, a plain domain function (run by `hexiao remind` and `POST /api/v1/reminders/sweep`):
 * evaluates the published plan's levels over the open receivables that might be due as of the date (see
 * `prefilter.ts`: each level's window of days past due, read in SQL), records each (item, level)
 * that is due and was never sent, and notifies its recipients in the same transaction. Idempotent: a second
 * sweep, or one running at the same time, records and sends nothing again (the store keeps one row per item
 * and level).
 */
export async function runReminderSweep(
  db: Executor & { transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> },
  ctx: ActionCtx,
  input: SweepInput = {},
): Promise<SweepReport> {
  const { tenant } = ctx;
  const today = todayIn(tenant.timeZone);
  if (input.asOf !== undefined && !isDate(input.asOf))
    throw invalid('/asOf', `must be a calendar date YYYY-MM-DD (got ${JSON.stringify(input.asOf)})`);
  const asOf = input.asOf ?? today;
  if (asOf > today) throw invalid('/asOf', `${asOf} is in the future (today is ${today})`);
  const key = input.plan ?? defaultPlanKey;
  const v = await planVersion(db, tenant.id, key);
  const plan = v.document;
  const lang = plan.language ?? 'zh';
  const levels = plan.levels.map((l) => {
    const t = l.templates[lang] ?? l.templates.zh ?? l.templates.en!;
    return { level: l, rule: compile(l.when), subject: template(t.subject), body: template(t.body) };
  });
  const texts = new Map(levels.map((l) => [l.level.id, l]));
  const pause = plan.pauseWhen === undefined ? undefined : compile(plan.pauseWhen);
  // what came of the promises to pay first: a promise broken today escalates, and no longer holds its item
  const review = await db.transaction((tx) => reviewPromises(tx, ctx, asOf));
  const flags = await collectionFlags(db, tenant.id, asOf);
  const rows = await reminderCandidates(db, tenant.id, {
    asOf,
    planKey: key,
    levels: plan.levels.map((l) => ({ level: l.id, ...needOf(l.when) })),
    flagged: [...flags.keys()],
    sampled: sampledDays,
    limit: maxSwept,
  });
  // each customer's facts are built once, however many items it has
  const customers = new Map(
    (await customersWithOpenItems(db, tenant.id)).map((c) => [c.id, { row: c, facts: customerFacts(toCustomer(c)) }]),
  );
  const report: SweepReport = {
    asOf,
    plan: versionRef(v),
    scanned: await countOpenForReminders(db, tenant.id),
    evaluated: rows.length,
    due: 0,
    sent: 0,
    paused: 0,
    disputed: 0,
    promised: 0,
    promises: { kept: review.kept, broken: review.broken.length, escalations: 0 },
    alreadySent: 0,
    notifications: 0,
    customerEmails: { queued: 0, noAddress: 0 },
    byLevel: Object.fromEntries(plan.levels.map((l) => [l.id, { due: 0, sent: 0 }])),
    failures: { count: 0, first: null },
  };
  const candidates: { row: ReminderItem; customer: CustomerRow; level: Level; facts: Facts }[] = [];
  // what this plan sent before is not rendered or offered again (the store's unique row still decides races)
  for (const row of rows) {
    const customer = customers.get(row.customerId);
    if (!customer) continue;
    const flag = flags.get(row.id) ?? noFlags;
    if (flag.disputed) {
      report.disputed++;
      continue;
    }
    if (flag.promisedDate) {
      report.promised++;
      continue;
    }
    const facts = factsOf(row, customer.facts, asOf, flag);
    if (pause) {
      let held: unknown;
      try {
        held = pause(facts);
      } catch (e) {
        report.failures.count++;
        report.failures.first ??= { documentId: row.id, level: 'pauseWhen', message: (e as Error).message };
        continue;
      }
      if (held && !(Array.isArray(held) && !held.length)) {
        report.paused++;
        continue;
      }
    }
    for (const { level, rule } of levels) {
      let hit: unknown;
      try {
        hit = rule(facts);
      } catch (e) {
        report.failures.count++;
        report.failures.first ??= { documentId: row.id, level: level.id, message: (e as Error).message };
        continue;
      }
      if (!hit || (Array.isArray(hit) && !hit.length) || row.sent?.includes(level.id)) continue;
      report.byLevel[level.id]!.due++;
      candidates.push({ row, customer: customer.row, level, facts });
    }
  }
  report.due = candidates.length;
  const recipients = await recipientsFor(db, tenant.id);
  // a customer whose broken promise was on an item now settled has no open items: read it as well
  for (const b of review.broken)
    if (!customers.has(b.customerId)) {
      const c = await findCustomer(db, tenant.id, b.customerId);
      if (c) customers.set(c.id, { row: c, facts: customerFacts(toCustomer(c)) });
    }
  await db.transaction(async (tx) => {
    const messages = new Map<string, { subject: string; body: string; to: string[]; c: (typeof candidates)[number] }>();
    const inserts: ReminderInsert[] = candidates.map((c) => {
      const t = texts.get(c.level.id)!;
      const subject = t.subject(c.facts).slice(0, 500);
      const to = recipients(c.level, c.customer);
      messages.set(`${c.row.id}|${c.level.id}`, { subject, body: t.body(c.facts), to, c });
      return {
        tenantId: tenant.id,
        id: newId(),
        documentId: c.row.id,
        customerId: c.row.customerId,
        planKey: key,
        planVersion: v.version,
        level: c.level.id,
        asOf,
        channel: channelsOf(c.level).join('+'),
        recipients: to.length,
        subject,
        createdBy: ctx.actor.name,
      };
    });
    const recorded = await recordReminders(tx, inserts);
    const notes: NotificationInput[] = [];
    for (const r of recorded) {
      const m = messages.get(`${r.documentId}|${r.level}`)!;
      report.byLevel[r.level]!.sent++;
      const channels = channelsOf(m.c.level);
      const note = (recipient: string, extra: Record<string, unknown> = {}): NotificationInput => ({
        recipient,
        source: 'reminders',
        kind: `reminder.${r.level}`,
        title: m.subject,
        entityType: 'receivable',
        entityId: r.documentId,
        payload: {
          body: m.body,
          level: r.level,
          plan: `${key}@${v.version}`,
          number: m.c.facts.item.number,
          openAmount: m.c.facts.item.openAmount,
          currency: m.c.facts.item.currency,
          dueDate: m.c.facts.item.dueDate,
          customerId: r.customerId,
          ...extra,
        },
      });
      if (channels.includes('customer-email')) {
        if (m.c.customer.billingEmail) {
          notes.push(
            note(customerRecipient(m.c.row.customerId), {
              asOf,
              language: lang,
              attachStatement: !!m.c.level.attachStatement,
            }),
          );
          report.customerEmails.queued++;
        } else report.customerEmails.noAddress++;
      }
      if (channels.includes('in-app')) for (const recipient of m.to) notes.push(note(recipient));
    }
    const escalations = await brokenPromiseNotes(
      tx,
      tenant.id,
      review.broken,
      plan,
      (c) => customers.get(c)?.row,
      recipients,
    );
    notes.push(...escalations);
    report.promises.escalations = escalations.length;
    await notify(tx, tenant.id, notes);
    report.sent = recorded.length;
    report.notifications = notes.length;
  });
  report.alreadySent = report.due - report.sent;
  return report;
}
