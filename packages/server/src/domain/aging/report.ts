import { agingCells, type AgingCell, type AgingGroup, type StartSpec } from '../../store/repos/aging.ts';
import { findCustomersByCodes } from '../../store/repos/customers.ts';
import type { ActionCtx } from '../context.ts';
import { actorScope } from '../customers/index.ts';
import { narrowScope, type CustomerFilter } from '../identity/index.ts';
import { getDefinition, versionRef } from '../definitions/index.ts';
import type { Executor } from '../deps.ts';
import { invalid, isHexiaoError } from '../errors.ts';
import { isDate, todayIn } from '../ledger/index.ts';
import { currencyCodes, dec, minorUnits } from '../money/index.ts';
import type { AgingBucketsDocument } from './aging-buckets.kind.ts';
import { bucketErrors, bucketsFromBounds, defaultBuckets, upperBounds, type Bucket } from './buckets.ts';
import { isT0, parseTerms, termsText, type T0, type Terms } from './t0.ts';
import { t0Choices, type T0Choice } from './t0-choices.ts';
import { groupBy } from '../group-by.ts';

/** The tenant's ladder when the report names none: its published `default`, else the built-in ladder. */
export const defaultBucketsKey = 'default';

export const groupings = [
  'customer',
  'customerGroup',
  'salesOwner',
  'region',
  'currency',
  'receivableType',
  'objectType',
] as const;

/** What the report is asked (the API's query string, the CLI's options): all text, all optional. */
export interface AgingReportInput {
  asOf?: string;
  /** Overrides the ladder's T0 for every document. */
  t0?: string;
  /** `net30`, `eom60`: overrides the ladder's terms. */
  terms?: string;
  /** A published `aging-buckets` key, or inline upper bounds such as `0,7,30,60,90`. */
  buckets?: string;
  /** A grouping above, `customer.custom.<field>` or `custom.<field>` (a document's custom field). */
  groupBy?: string;
  customerId?: string;
  /** Items with an open promise to pay age from the promised date (the collection plan). */
  promised?: boolean;
  /**
   * With an explicit T0 or terms, still split the items of the published default ladder's instalment contracts
   * (per customer, per object type, or all of them) into their parts: the collection plan expects each part on
   * its own date.
   */
  keepInstalments?: boolean;
  /** List the start dates this tenant's receivables can age from (a screen's picker; the reports built on aging skip it). */
  withT0Choices?: boolean;
  /** Only customers of this region or sales owner (within the actor's data scope), only items in this currency. */
  filter?: ReportFilter;
  page?: number;
  limit?: number;
}

/** A report's filters: the customer's region and sales owner, and the items' currency (ISO 4217). */
export type ReportFilter = CustomerFilter & { currency?: string };

/** The currency a report is filtered to, checked: an ISO 4217 code with minor units. */
export function filterCurrency(f: ReportFilter | undefined): string | undefined {
  if (f?.currency === undefined) return undefined;
  if (minorUnits(f.currency) === undefined)
    throw invalid('/query/currency', `is not an ISO 4217 currency code (got ${JSON.stringify(f.currency)})`);
  return f.currency;
}

export interface AgingColumn {
  id: string;
  label: string | { zh?: string; en?: string };
  /** Days past T0 the bucket holds (inclusive); null = unbounded. The undated column has neither. */
  from: number | null;
  to: number | null;
}

export interface AgingRow {
  key: string | null;
  label: string | null;
  count: number;
  /** Open amount per column, in the base currency. */
  buckets: string[];
  total: string;
  /** Per column in the row's own currency, when grouped by currency. */
  amounts?: string[];
  amountTotal?: string;
}

export interface AgingReport {
  asOf: string;
  baseCurrency: string;
  groupBy: string;
  t0: T0;
  terms: string | null;
  byObjectType: Record<string, { t0: T0; terms: string | null }>;
  /** By customer code, the T0 and terms of customers whose contracts set their own. */
  byCustomer: Record<string, { t0: T0; terms: string | null }>;
  /** Every start date this tenant's receivables can age from (for a screen's T0 picker), when asked for. */
  t0Choices?: T0Choice[];
  /** The published ladder used, or null for inline bounds / the built-in ladder. */
  definition: { kind: string; key: string; version: number; contentHash: string } | null;
  columns: AgingColumn[];
  totals: { count: number; buckets: string[]; total: string };
  page: number;
  limit: number;
  /** Groups in the whole report (rows holds one page of them). */
  groups: number;
  rows: AgingRow[];
}

const field = '[A-Za-z][A-Za-z0-9_]{0,63}';

function parseGroup(s: string | undefined): AgingGroup {
  const g = s ?? 'customer';
  if ((groupings as readonly string[]).includes(g)) return { by: g as (typeof groupings)[number] };
  const m = new RegExp(`^(customer\\.custom|custom)\\.(${field})$`).exec(g);
  if (m) return { by: m[1] === 'custom' ? 'documentField' : 'customerField', field: m[2]! };
  throw invalid('/query/groupBy', `must be one of ${groupings.join(', ')}, customer.custom.<field> or custom.<field>`);
}

interface Ladder {
  buckets: Bucket[];
  t0: T0;
  terms?: Terms;
  byObjectType: Record<string, { t0: T0; terms?: Terms }>;
  byCustomer: Record<string, { t0: T0; terms?: Terms }>;
  definition: AgingReport['definition'];
}

/** Inline upper bounds in a query (`0,7,30,60,90`) rather than the key of a published ladder. */
const isInlineBounds = (name: string) => /^-?[0-9]{1,5}(,-?[0-9]{1,5})*$/.test(name);

/** Every ISO 4217 currency's minor units: the cells cut each currency's amounts at its own. */
const currencyMinorUnits = Object.fromEntries(currencyCodes().map((c) => [c, minorUnits(c)!]));

function inlineLadder(text: string): Ladder {
  const bounds = text.split(',').map(Number);
  if (bounds.length > 23) throw invalid('/query/buckets', 'has more than 23 bounds');
  const buckets = bucketsFromBounds(bounds);
  for (let i = 1; i < bounds.length; i++)
    if (bounds[i]! <= bounds[i - 1]!)
      throw invalid(
        '/query/buckets',
        `bounds must ascend: ${bounds[i]} after ${bounds[i - 1]} would make buckets overlap`,
      );
  const errors = bucketErrors(buckets);
  if (errors.length) throw invalid('/query/buckets', errors[0]!.reason);
  return { buckets, t0: 'dueDate', byObjectType: {}, byCustomer: {}, definition: null };
}

async function ladder(db: Executor, tenantId: string, name: string | undefined): Promise<Ladder> {
  if (name !== undefined && isInlineBounds(name)) return inlineLadder(name);
  if (name !== undefined && !/^[a-z0-9][a-z0-9._-]{0,127}$/.test(name))
    throw invalid('/query/buckets', 'must be an aging-buckets key or ascending day bounds such as 0,30,60,90');
  try {
    const v = await getDefinition<AgingBucketsDocument>(db, tenantId, 'aging-buckets', name ?? defaultBucketsKey);
    const d = v.document;
    const byObjectType: Ladder['byObjectType'] = {};
    for (const [type, s] of Object.entries(d.byObjectType ?? {}))
      byObjectType[type] = { t0: s.t0 as T0, ...(s.terms ? { terms: s.terms } : {}) };
    const byCustomer: Ladder['byCustomer'] = {};
    for (const [code, s] of Object.entries(d.byCustomer ?? {}))
      byCustomer[code] = { t0: s.t0 as T0, ...(s.terms ? { terms: s.terms } : {}) };
    return {
      buckets: d.buckets as Bucket[],
      t0: (d.t0 ?? 'dueDate') as T0,
      ...(d.terms ? { terms: d.terms } : {}),
      byObjectType,
      byCustomer,
      definition: versionRef(v),
    };
  } catch (e) {
    if (!isHexiaoError(e) || e.type !== 'not_found') throw e;
    if (name === undefined)
      return { buckets: [...defaultBuckets], t0: 'dueDate', byObjectType: {}, byCustomer: {}, definition: null };
    throw invalid('/query/buckets', `no published aging-buckets definition ${name}`);
  }
}

/**
 * The published ladder's instalment terms kept under an explicit T0 or terms (`start`): its own (then every
 * document not set apart is in parts), per object type and per customer; everything else starts from `start`.
 */
async function instalmentContracts(
  db: Executor,
  tenantId: string,
  buckets: string | undefined,
  start: { t0: T0; terms?: Terms },
): Promise<{ start: { t0: T0; terms?: Terms } } & Pick<Ladder, 'byObjectType' | 'byCustomer'>> {
  const l = await ladder(db, tenantId, buckets !== undefined && !isInlineBounds(buckets) ? buckets : undefined);
  const inParts = (x: { terms?: Terms }) => x.terms?.type === 'instalments';
  const own = inParts(l);
  // under a ladder in parts, a type or customer set apart on other terms starts from `start` instead
  const keep = (m: Ladder['byCustomer']) =>
    Object.fromEntries(
      Object.entries(m).flatMap(([k, x]) => (inParts(x) ? [[k, x]] : own ? [[k, start]] : [])),
    ) as Ladder['byCustomer'];
  return {
    start: own ? { t0: l.t0, terms: l.terms! } : start,
    byObjectType: keep(l.byObjectType),
    byCustomer: keep(l.byCustomer),
  };
}

function startSpec(t0: T0, terms: Terms | undefined): StartSpec {
  const column = {
    dueDate: 'due_date',
    documentDate: 'document_date',
    postingDate: 'posting_date',
    valueDate: 'value_date',
  } as const;
  return {
    ...(t0.startsWith('custom.') ? { customField: t0.slice(7) } : { column: column[t0 as keyof typeof column] }),
    ...(terms ? { terms } : {}),
  };
}

function asOfDate(text: string | undefined, today: string): string {
  if (text === undefined) return today;
  if (!isDate(text)) throw invalid('/query/asOf', `must be a calendar date YYYY-MM-DD (got ${JSON.stringify(text)})`);
  if (text > today) throw invalid('/query/asOf', `${text} is in the future (today is ${today})`);
  return text;
}

const columnLabel = (b: Bucket): AgingColumn['label'] =>
  b.label ?? (b.from === undefined ? `≤${b.to}` : b.to === undefined ? `>${b.from - 1}` : `${b.from}–${b.to}`);

function overrides(input: AgingReportInput, l: Ladder): { t0: T0; terms?: Terms } {
  if (input.t0 !== undefined && !isT0(input.t0))
    throw invalid('/query/t0', 'must be dueDate, documentDate, postingDate, valueDate or custom.<field>');
  const terms = input.terms === undefined ? l.terms : parseTerms(input.terms);
  if (input.terms !== undefined && !terms)
    throw invalid(
      '/query/terms',
      'must be netN, eomN or instalments instD1/D2/… (equal parts) or instD1:P1/D2:P2/… (percents adding up to 100), N and D days up to 999, e.g. net30, eom60, inst30/60/90 or inst30:40/60:60',
    );
  return { t0: (input.t0 as T0 | undefined) ?? l.t0, ...(terms ? { terms } : {}) };
}

/**
 * The aging report: open receivables in the actor's data scope, exact as of any past date, in the ladder's
 * buckets by days past T0 (plus terms), summed per group in the base currency, one page of groups at a time.
 */
export async function agingReport(db: Executor, ctx: ActionCtx, input: AgingReportInput): Promise<AgingReport> {
  const tenant = ctx.tenant;
  const asOf = asOfDate(input.asOf, todayIn(tenant.timeZone));
  const group = parseGroup(input.groupBy);
  const currency = filterCurrency(input.filter);
  const l = await ladder(db, tenant.id, input.buckets);
  const start = overrides(input, l);
  // an explicit T0 or terms in the request applies to every document, object type overrides included
  const ladderStarts = input.t0 === undefined && input.terms === undefined;
  const kept =
    !ladderStarts && input.keepInstalments ? await instalmentContracts(db, tenant.id, input.buckets, start) : undefined;
  const byObjectType = ladderStarts ? l.byObjectType : (kept?.byObjectType ?? {});
  const byCustomer = ladderStarts ? l.byCustomer : (kept?.byCustomer ?? {});
  const contracts = Object.keys(byCustomer).length
    ? await findCustomersByCodes(db, tenant.id, Object.keys(byCustomer))
    : [];
  const limit = input.limit ?? 100;
  const page = input.page ?? 1;
  const cells = await agingCells(db, tenant.id, {
    asOf,
    start: startSpec((kept?.start ?? start).t0, (kept?.start ?? start).terms),
    startByObjectType: Object.fromEntries(Object.entries(byObjectType).map(([k, s]) => [k, startSpec(s.t0, s.terms)])),
    startByCustomer: Object.fromEntries(
      contracts.map((c) => [c.id, startSpec(byCustomer[c.code]!.t0, byCustomer[c.code]!.terms)]),
    ),
    bounds: upperBounds(l.buckets),
    group,
    scope: narrowScope(actorScope(ctx.actor), input.filter ?? {}),
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(currency ? { currency } : {}),
    ...(input.promised ? { promised: true } : {}),
    minorUnits: {
      currencies: currencyMinorUnits,
      base: minorUnits(tenant.baseCurrency) ?? 2,
    },
    limit,
    offset: (page - 1) * limit,
  });
  return {
    asOf,
    baseCurrency: tenant.baseCurrency,
    groupBy: input.groupBy ?? 'customer',
    t0: start.t0,
    terms: termsText(start.terms),
    byObjectType: Object.fromEntries(
      Object.entries(byObjectType).map(([k, s]) => [k, { t0: s.t0, terms: termsText(s.terms) }]),
    ),
    byCustomer: Object.fromEntries(
      contracts.map((c) => [c.code, { t0: byCustomer[c.code]!.t0, terms: termsText(byCustomer[c.code]!.terms) }]),
    ),
    definition: l.definition,
    ...(input.withT0Choices ? { t0Choices: await t0Choices(db, tenant.id) } : {}),
    ...shape(cells, l.buckets, tenant.baseCurrency, group.by === 'currency'),
    page,
    limit,
  };
}

function shape(cells: AgingCell[], buckets: Bucket[], base: string, byCurrency: boolean) {
  const undated = cells.some((c) => c.bucket === -1);
  const columns: AgingColumn[] = buckets.map((b) => ({
    id: b.id,
    label: columnLabel(b),
    from: b.from ?? null,
    to: b.to ?? null,
  }));
  if (undated) columns.push({ id: 'undated', label: { zh: '无起算日', en: 'No start date' }, from: null, to: null });
  const col = (bucket: number) => (bucket === -1 ? columns.length - 1 : bucket);
  const money = (v: ReturnType<typeof dec>, currency: string) => v.toFixed(minorUnits(currency) ?? 2);
  const sumRow = (list: AgingCell[], pick: (c: AgingCell) => string, currency: string) => {
    const per = columns.map(() => dec('0'));
    for (const c of list) per[col(c.bucket)] = per[col(c.bucket)]!.plus(pick(c));
    const total = per.reduce((a, b) => a.plus(b), dec('0'));
    return { buckets: per.map((v) => money(v, currency)), total: money(total, currency) };
  };
  const byGroup = groupBy(
    cells.filter((x) => !x.total),
    (c) => c.group,
  );
  // the groups arrive in the store's order (largest total first): a Map keeps it
  const rows: AgingRow[] = [...byGroup.entries()].map(([key, list]) => {
    const b = sumRow(list, (c) => c.base, base);
    const a = byCurrency && key ? sumRow(list, (c) => c.amount, key) : undefined;
    return {
      key,
      label: list[0]!.label,
      count: list.reduce((n, c) => n + c.count, 0),
      ...b,
      ...(a ? { amounts: a.buckets, amountTotal: a.total } : {}),
    };
  });
  const totalCells = cells.filter((x) => x.total);
  return {
    columns,
    totals: { count: totalCells.reduce((n, c) => n + c.count, 0), ...sumRow(totalCells, (c) => c.base, base) },
    groups: cells[0]?.groups ?? 0,
    rows,
  };
}
