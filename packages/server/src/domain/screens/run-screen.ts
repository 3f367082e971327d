import { compile } from '@hexiao/dsl';
import { openReceivables, type OpenReceivableRow } from '../../store/repos/screening.ts';
import type { ActionCtx } from '../context.ts';
import { actorScope, toCustomer } from '../customers/index.ts';
import { checkDefinition, getDefinition, versionRef, type DefinitionVersion } from '../definitions/index.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError, type FieldError } from '../errors.ts';
import { todayIn } from '../ledger/index.ts';
import { dec } from '../money/index.ts';
import { customerFacts, daysOverdue, startForm, type ReceivableSnapshot, type StartedForm } from '../requests/index.ts';
import { screenKind, type ScreenDocument } from './screen.kind.ts';

/** How many open receivables one screening reads at most (oldest due first). */
export const maxScanned = 50_000;

export interface ScreenRow {
  item: ReceivableSnapshot;
  customer: Record<string, unknown>;
}

export interface ScreenResult {
  screen: { kind: string; key: string; version: number; contentHash: string };
  title: ScreenDocument['title'] | null;
  form: string;
  asOf: string;
  scanned: number;
  /** More open receivables exist than one screening reads. */
  truncated: boolean;
  matched: number;
  rows: ScreenRow[];
  /** The first item the rule failed on (counted as not matching), if any. */
  failures: { count: number; first: { documentId: string; message: string } | null };
}

function facts(r: OpenReceivableRow, asOf: string) {
  const d = r.document;
  const item: ReceivableSnapshot = {
    id: d.id,
    number: d.number,
    docType: d.docType,
    receivableType: d.receivableType,
    side: d.side,
    currency: d.currency,
    amount: dec(d.amount).toFixed(),
    openAmount: dec(r.openAmount).toFixed(),
    postingDate: d.postingDate,
    dueDate: d.dueDate,
    daysOverdue: daysOverdue(d.dueDate, asOf),
  };
  return { item, customer: customerFacts(toCustomer(r.customer)), asOf };
}

const sorters: Record<NonNullable<ScreenDocument['sort']>, (a: ScreenRow, b: ScreenRow) => number> = {
  daysOverdue: (a, b) => b.item.daysOverdue - a.item.daysOverdue,
  openAmount: (a, b) => dec(b.item.openAmount).comparedTo(dec(a.item.openAmount)),
  dueDate: (a, b) => (a.item.dueDate ?? '9999').localeCompare(b.item.dueDate ?? '9999'),
};

async function screenVersion(db: Executor, tenantId: string, key: string): Promise<DefinitionVersion<ScreenDocument>> {
  return getDefinition<ScreenDocument>(db, tenantId, 'screen', key, 'current');
}

function evaluate(doc: ScreenDocument, rows: OpenReceivableRow[], asOf: string) {
  const rule = compile(doc.logic);
  const matched: ScreenRow[] = [];
  const failures: ScreenResult['failures'] = { count: 0, first: null };
  for (const r of rows) {
    const f = facts(r, asOf);
    let result: unknown;
    try {
      result = rule(f);
    } catch (e) {
      failures.count++;
      failures.first ??= { documentId: r.document.id, message: (e as Error).message };
      continue;
    }
    if (Array.isArray(result) ? result.length > 0 : !!result) matched.push(f);
  }
  return { matched, failures };
}

/**
 * Runs a published screen over the open receivables the actor sees: the candidates its rule lists, sorted
 * as it says, with the screen's version (the rule that chose them).
 */
export async function runScreen(db: Executor, ctx: ActionCtx, key: string): Promise<ScreenResult> {
  const s = await screenVersion(db, ctx.tenant.id, key);
  return { screen: versionRef(s), ...(await screenOver(db, ctx, s.document)) };
}

/** A screen document's candidates among the open receivables the actor sees, as of today in the tenant. */
async function screenOver(db: Executor, ctx: ActionCtx, doc: ScreenDocument): Promise<Omit<ScreenResult, 'screen'>> {
  const asOf = todayIn(ctx.tenant.timeZone);
  const rows = await openReceivables(db, ctx.tenant.id, { scope: actorScope(ctx.actor), limit: maxScanned + 1 });
  const truncated = rows.length > maxScanned;
  const { matched, failures } = evaluate(doc, rows.slice(0, maxScanned), asOf);
  matched.sort(sorters[doc.sort ?? 'daysOverdue']);
  return {
    title: doc.title ?? null,
    form: doc.form,
    asOf,
    scanned: Math.min(rows.length, maxScanned),
    truncated,
    matched: matched.length,
    rows: matched.slice(0, doc.maxRows ?? 500),
    failures,
  };
}

export interface ScreenPreview {
  /** The draft's own problems (meta-schema and rule checks), pointers into the document; no rows when any. */
  definitionErrors: FieldError[];
  /** What the screen would list now, or null when the document has problems. */
  result: Omit<ScreenResult, 'screen'> | null;
}

/** A draft screen (the designer's, unsaved) run as the published one would be: creates nothing. */
export async function previewScreen(db: Executor, ctx: ActionCtx, document: unknown): Promise<ScreenPreview> {
  const definitionErrors = checkDefinition(screenKind, document);
  if (definitionErrors.length) return { definitionErrors, result: null };
  return { definitionErrors, result: await screenOver(db, ctx, document as ScreenDocument) };
}

/**
 * Starts the screen's form for a selection of its candidates, prefilled: each selected item must still
 * match the screen (and be visible to the actor). Creates nothing.
 */
export async function startFromScreen(
  db: Executor,
  ctx: ActionCtx,
  key: string,
  selection: string[],
): Promise<StartedForm & { screen: ScreenResult['screen'] }> {
  const s = await screenVersion(db, ctx.tenant.id, key);
  if (!selection.length)
    throw new HexiaoError('invalid_data', 'select at least one item', { pointer: '/receivableIds' });
  const ids = selection.map((x) => x.toLowerCase());
  const rows = await openReceivables(db, ctx.tenant.id, { scope: actorScope(ctx.actor), ids, limit: ids.length });
  const { matched } = evaluate(s.document, rows, todayIn(ctx.tenant.timeZone));
  const ok = new Set(matched.map((r) => r.item.id));
  const errors: FieldError[] = ids.flatMap((id, k) =>
    ok.has(id)
      ? []
      : [{ pointer: `/receivableIds/${k}`, reason: `receivable ${id} is not a candidate of screen ${key}` }],
  );
  if (errors.length)
    throw new HexiaoError('invalid_data', errors.map((e) => `${e.pointer} ${e.reason}`).join('; '), { errors });
  return { ...(await startForm(db, ctx, s.document.form, ids)), screen: versionRef(s) };
}
