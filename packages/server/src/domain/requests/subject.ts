import { getDocuments, type StoredDocument } from '../../store/repos/documents.ts';
import { getOpenItems } from '../../store/repos/open-items.ts';
import { allowanceCarried } from '../../store/repos/write-offs.ts';
import { customerExposure } from '../../store/repos/screening.ts';
import { customerGroup } from '../../store/repos/customer-groups.ts';
import type { ActionCtx } from '../context.ts';
import { actorScope, getCustomer, type Customer } from '../customers/index.ts';
import type { Executor } from '../deps.ts';
import { isHexiaoError, type FieldError } from '../errors.ts';
import type { SubjectSource } from '../forms/index.ts';
import { postingRule, resolveAccountMapping, todayIn, type OpenItem } from '../ledger/index.ts';
import { Decimal, dec, minorUnits, ZERO } from '../money/index.ts';

/** One receivable of a request as it stood at submit. */
export interface ReceivableSnapshot {
  id: string;
  number: string;
  docType: string;
  receivableType: string;
  side: string;
  currency: string;
  amount: string;
  openAmount: string;
  postingDate: string;
  dueDate: string | null;
  daysOverdue: number;
}

/** What a request is about, snapshotted at submit: the customer, its receivables and their totals. */
export interface Subject {
  customer: Record<string, unknown>;
  subject: {
    receivables: ReceivableSnapshot[];
    currency: string | null;
    openAmount: string;
    daysOverdue: number;
    /** Allowance carried for the customer (base currency): the provision so far. */
    provision: string;
    asOf: string;
    /** The receipt a settlement override names, and the open amount it leaves uncovered. */
    receipt?: ReceivableSnapshot;
    difference?: string;
  };
}

export interface LoadedSubject extends Subject {
  customerId: string | null;
  errors: FieldError[];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dayNumber = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;

export const daysOverdue = (dueDate: string | null, asOf: string) =>
  dueDate ? Math.max(0, dayNumber(asOf) - dayNumber(dueDate)) : 0;

/** The customer as forms and flows read it: core fields with its custom fields beside them. */
export function customerFacts(c: Customer): Record<string, unknown> {
  return {
    ...c.custom,
    id: c.id,
    code: c.code,
    name: c.name,
    taxId: c.taxId,
    region: c.region,
    salesOwner: c.salesOwner,
    parentId: c.parentId,
    currency: c.currency,
    status: c.status,
    creditLimit: c.creditLimit,
    paymentTermsDays: c.paymentTermsDays,
  };
}

export function snapshotOf(d: StoredDocument, o: OpenItem, asOf: string): ReceivableSnapshot {
  return {
    id: d.id,
    number: d.number,
    docType: d.docType,
    receivableType: d.receivableType,
    side: d.side,
    currency: d.currency,
    amount: dec(d.amount).toFixed(),
    openAmount: dec(o.openAmount).toFixed(),
    postingDate: d.postingDate,
    dueDate: d.dueDate,
    daysOverdue: o.status === 'settled' ? 0 : daysOverdue(d.dueDate, asOf),
  };
}

/** The ids a submission names in the action's subject field (whatever their shape; the schema checks that). */
export function subjectIds(source: SubjectSource, data: unknown): { ids: string[]; pointers: string[] } {
  const v = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[source.field] : undefined;
  const list = source.kind === 'receivables' ? (Array.isArray(v) ? v : []) : v === undefined ? [] : [v];
  const ids: string[] = [];
  const pointers: string[] = [];
  list.forEach((x, k) => {
    if (typeof x === 'string' && uuid.test(x)) {
      ids.push(x.toLowerCase());
      pointers.push(source.kind === 'receivables' ? `/data/${source.field}/${k}` : `/data/${source.field}`);
    }
  });
  return { ids, pointers };
}

/**
 * Loads the subject a submission names: its receivables (each must exist and be visible to the actor) and
 * their one customer, with the totals prefill, conditions and flows read. Problems are returned as field
 * errors, not thrown, so they are reported with the form's own.
 */
export async function loadSubject(
  db: Executor,
  ctx: ActionCtx,
  source: SubjectSource | null,
  data: unknown,
): Promise<LoadedSubject> {
  const asOf = todayIn(ctx.tenant.timeZone);
  const empty: LoadedSubject = {
    customerId: null,
    customer: {},
    subject: { receivables: [], currency: null, openAmount: '0', daysOverdue: 0, provision: '0', asOf },
    errors: [],
  };
  if (!source) return empty;
  const { ids, pointers } = subjectIds(source, data);
  if (!ids.length) return empty;
  const tenantId = ctx.tenant.id;
  if (source.kind === 'customer') return customerSubject(db, ctx, ids[0]!, pointers[0]!, empty);
  const docs = new Map((await getDocuments(db, tenantId, ids)).map((d) => [d.id, d]));
  const open = await getOpenItems(db, tenantId, ids);
  const scope = actorScope(ctx.actor);
  const errors: FieldError[] = [];
  const visible = new Map<string, Customer>();
  const receivables: ReceivableSnapshot[] = [];
  let customer: Customer | undefined;
  for (const [k, id] of ids.entries()) {
    const d = docs.get(id);
    const o = open.get(id);
    const c = d?.customerId ? await visibleCustomer(db, tenantId, d.customerId, scope, visible) : undefined;
    if (!d || !o || !c) {
      errors.push({ pointer: pointers[k]!, reason: `receivable ${id} does not exist` });
      continue;
    }
    if (customer && c.id !== customer.id) {
      errors.push({
        pointer: pointers[k]!,
        reason: `${d.number} is a receivable of ${c.name}, not of ${customer.name}: one request is about one customer`,
      });
      continue;
    }
    customer = c;
    receivables.push(snapshotOf(d, o, asOf));
  }
  if (!customer) return { ...empty, errors };
  const currencies = [...new Set(receivables.map((r) => r.currency))];
  if (currencies.length > 1)
    errors.push({
      pointer: pointers[receivables.findIndex((r) => r.currency !== currencies[0])]!,
      reason: `is in ${currencies[1]}, the others in ${currencies[0]}: one request is in one currency`,
    });
  const mapping = await resolveAccountMapping(db, tenantId);
  const allowance = postingRule(mapping, 'write-off', 'bad-debt', 'default').debit.code;
  const openAmount = receivables.reduce((s, r) => s.plus(r.openAmount), ZERO);
  const receipt =
    source.kind === 'receivables' && source.receipt
      ? await receiptOf(db, ctx, source.receipt, data, { customer, currency: currencies[0]!, asOf }, errors)
      : undefined;
  return {
    customerId: customer.id,
    customer: customerFacts(customer),
    subject: {
      receivables,
      currency: currencies[0] ?? null,
      openAmount: openAmount.toFixed(),
      daysOverdue: Math.max(0, ...receivables.map((r) => r.daysOverdue)),
      provision: dec(await allowanceCarried(db, tenantId, allowance, customer.id)).toFixed(),
      asOf,
      ...(receipt
        ? {
            receipt,
            difference: Decimal.max(0, openAmount.minus(receipt.openAmount)).toFixed(minorUnits(receipt.currency) ?? 2),
          }
        : {}),
    },
    errors,
  };
}

const creditTypes = new Set(['receipt', 'prepayment', 'credit-note']);

/**
 * The receipt a settlement override names, when it can settle the customer's receivables: an open credit
 * in their currency, of no customer yet, of the customer, or of a parent that pays for it.
 */
async function receiptOf(
  db: Executor,
  ctx: ActionCtx,
  field: string,
  data: unknown,
  of: { customer: Customer; currency: string; asOf: string },
  errors: FieldError[],
): Promise<ReceivableSnapshot | undefined> {
  const raw = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[field] : undefined;
  if (typeof raw !== 'string' || !uuid.test(raw)) return undefined;
  const id = raw.toLowerCase();
  const pointer = `/data/${field}`;
  const refuse = (reason: string) => void errors.push({ pointer, reason });
  const [d] = await getDocuments(db, ctx.tenant.id, [id]);
  const o = (await getOpenItems(db, ctx.tenant.id, [id])).get(id);
  const payer = d?.customerId
    ? await visibleCustomer(db, ctx.tenant.id, d.customerId, actorScope(ctx.actor), new Map())
    : undefined;
  if (!d || !o || (d.customerId && !payer)) return refuse(`receipt ${id} does not exist`);
  if (!creditTypes.has(d.docType) || d.side !== 'credit')
    return refuse(`${d.number} is not a receipt, prepayment or credit note (${d.docType})`);
  if (dec(o.openAmount).lte(0)) return refuse(`${d.number} is settled: nothing of it is open`);
  if (d.currency !== of.currency)
    return refuse(
      `${d.number} is in ${d.currency}, the receivables in ${of.currency}: an override settles in one currency`,
    );
  if (
    payer &&
    payer.id !== of.customer.id &&
    !(await customerGroup(db, ctx.tenant.id, payer.id)).includes(of.customer.id)
  )
    return refuse(`${d.number} was paid by ${payer.name}, which does not pay for ${of.customer.name}`);
  return snapshotOf(d, o, of.asOf);
}

/** A request about a customer (a credit limit): the customer, and what it owes now in base currency. */
async function customerSubject(
  db: Executor,
  ctx: ActionCtx,
  id: string,
  pointer: string,
  empty: LoadedSubject,
): Promise<LoadedSubject> {
  const c = await visibleCustomer(db, ctx.tenant.id, id, actorScope(ctx.actor), new Map());
  if (!c) return { ...empty, errors: [{ pointer, reason: `customer ${id} does not exist` }] };
  const mapping = await resolveAccountMapping(db, ctx.tenant.id);
  const allowance = postingRule(mapping, 'write-off', 'bad-debt', 'default').debit.code;
  const owed = await customerExposure(db, ctx.tenant.id, c.id);
  return {
    customerId: c.id,
    customer: customerFacts(c),
    subject: {
      ...empty.subject,
      currency: ctx.tenant.baseCurrency,
      openAmount: dec(owed.openBase).toFixed(),
      daysOverdue: owed.oldestDue ? daysOverdue(owed.oldestDue, empty.subject.asOf) : 0,
      provision: dec(await allowanceCarried(db, ctx.tenant.id, allowance, c.id)).toFixed(),
    },
    errors: [],
  };
}

async function visibleCustomer(
  db: Executor,
  tenantId: string,
  id: string,
  scope: ReturnType<typeof actorScope>,
  seen: Map<string, Customer>,
): Promise<Customer | undefined> {
  if (seen.has(id)) return seen.get(id);
  try {
    const c = await getCustomer(db, tenantId, id, scope);
    seen.set(id, c);
    return c;
  } catch (e) {
    if (isHexiaoError(e) && e.type === 'not_found') return undefined;
    throw e;
  }
}
