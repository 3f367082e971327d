import type { ConnectorInput, ParseContext, ParseOutput, Position } from '@hexiao/plugins/sdk';
import { AmountError, finishOrder, MappingError, fileInput, type OrderDraftLine } from '../xml-dom/index.ts';
import type { OrdersCsvConfig } from './config.ts';
import { csvRows, type CsvRow } from './csv-rows.ts';
import { lineReader, orderHeaderReader } from './map.ts';
import { Table } from './table.ts';
import { InputError } from '@hexiao/plugins/sdk';

type Ctx = ParseContext<OrdersCsvConfig>;
const rejectRow = (position: Position, reason: string, field?: string): ParseOutput => ({
  rejected: { position, reason, ...(field ? { field } : {}) },
});

/** Rows with a field count check: a row whose count differs from the header's is a rejection with its line. */
async function* checkedRows(
  input: ConnectorInput,
  cfg: OrdersCsvConfig['details'] | OrdersCsvConfig,
  maxBytes?: number,
) {
  let header: string[] | undefined;
  let expected: number | undefined;
  let index = 0;
  for await (const row of csvRows(input, cfg!, maxBytes)) {
    if (cfg!.header !== false && !header) {
      header = row.fields.map((h) => h.trim());
      expected = header.length;
      yield { kind: 'header' as const, header };
      continue;
    }
    expected ??= row.fields.length;
    const position: Position = { index: index++, line: row.line };
    if (row.fields.length !== expected) {
      const hint = row.fields.length > expected ? ` (an unquoted "${cfg!.delimiter ?? ','}" inside a field?)` : '';
      yield {
        kind: 'bad' as const,
        position,
        fields: row.fields,
        reason: `${input.name} line ${row.line}: ${row.fields.length} fields, expected ${expected}${hint}`,
      };
      continue;
    }
    yield { kind: 'row' as const, row, position };
  }
}

const asRejection = (err: unknown, position: Position, name: string): ParseOutput => {
  if (err instanceof MappingError || err instanceof AmountError)
    return rejectRow(position, `${name} line ${position.line}: ${err.message}`, err.field);
  throw err;
};

/** Loads a details (lines) file into order number → lines; its bad rows become rejections too. */
async function loadDetails(cfg: OrdersCsvConfig, ctx: Ctx, out: ParseOutput[]) {
  const details = cfg.details!;
  const input = fileInput(details.path);
  const byOrder = new Map<string, OrderDraftLine[]>();
  /** Order number → details line that was rejected: such an order is rejected rather than booked short. */
  const failed = new Map<string, number>();
  let number: ((f: string[]) => string | undefined) | undefined;
  let read: ReturnType<typeof lineReader> | undefined;
  for await (const ev of checkedRows(input, details, cfg.maxBytes)) {
    if (ctx.signal?.aborted) throw new Error('parse aborted');
    if (ev.kind === 'header' || (!number && ev.kind === 'row')) {
      const table = new Table(ev.kind === 'header' ? ev.header : undefined, details, `details file ${input.name}`);
      number = table.column(details.columns.orderNumber, 'details.columns.orderNumber');
      read = lineReader(table, details.columns, cfg);
      if (ev.kind === 'header') continue;
    }
    if (ev.kind === 'bad') {
      out.push(rejectRow(ev.position, `details: ${ev.reason}`, 'details'));
      const n = number?.(ev.fields);
      if (n && !failed.has(n)) failed.set(n, ev.position.line!);
      continue;
    }
    if (ev.kind !== 'row') continue;
    try {
      const n = number!(ev.row.fields);
      if (!n) throw new MappingError('details.orderNumber', 'order number is empty');
      const lines = byOrder.get(n) ?? [];
      lines.push(read!(ev.row.fields, lines.length));
      byOrder.set(n, lines);
    } catch (err) {
      const r = asRejection(err, ev.position, `details file ${input.name}`);
      if ('rejected' in r) out.push({ rejected: { ...r.rejected, field: `details.${r.rejected.field ?? ''}` } });
      const n = number?.(ev.row.fields);
      if (n && !failed.has(n)) failed.set(n, ev.position.line!);
    }
  }
  return { byOrder, failed, name: input.name };
}

/** Streams a sales-order CSV export by the configured mapping (see README). */
export async function* parseOrdersCsv(input: ConnectorInput, ctx: Ctx): AsyncGenerator<ParseOutput> {
  const cfg = ctx.config;
  if (!cfg?.columns?.orderNumber && cfg?.columns?.orderNumber !== 0)
    throw new InputError('orders-csv: config.columns.orderNumber is required');
  const detailRejections: ParseOutput[] = [];
  const details = cfg.details ? await loadDetails(cfg, ctx, detailRejections) : undefined;
  yield* detailRejections;
  const layout = cfg.layout ?? 'orders';
  const hasLineColumns = ['quantity', 'unitPrice', 'lineAmount'].some(
    (k) => cfg.columns[k as 'quantity'] !== undefined,
  );
  if (layout === 'orders' && !details && !hasLineColumns && cfg.columns.amount === undefined)
    throw new InputError('orders-csv: layout "orders" needs columns.amount, line columns or a details file');

  let readHeader: ReturnType<typeof orderHeaderReader> | undefined;
  let readLine: ReturnType<typeof lineReader> | undefined;
  let readNumber: ((fields: string[]) => string | undefined) | undefined;
  const groups = new Map<string, Group>();

  const finish = (
    head: ReturnType<ReturnType<typeof orderHeaderReader>>,
    lines: OrderDraftLine[],
    position: Position,
  ): ParseOutput => {
    if (!head.currency)
      return rejectRow(
        position,
        `${input.name} line ${position.line}: no currency (set config.currency or columns.currency)`,
        'currency',
      );
    const stated = head.amount
      ? cfg.amountIncludesTax
        ? { taxInclusive: head.amount }
        : { taxExclusive: head.amount }
      : {};
    return finishOrder({
      orderKind: cfg.orderKind ?? 'order',
      number: head.number,
      orderDate: head.orderDate,
      shipmentDate: head.shipmentDate,
      requestedDeliveryDate: head.requestedDeliveryDate,
      currency: head.currency,
      buyer: head.buyer,
      lines,
      charges: head.charges,
      totals: { ...stated, tax: head.tax },
      paymentTerms: head.paymentTerms,
      position,
    });
  };

  type Group = {
    head: ReturnType<ReturnType<typeof orderHeaderReader>>;
    lines: OrderDraftLine[];
    position: Position;
    failed?: string;
  };
  const emitted = new Set<string>();
  const emitGroup = (g: Group): ParseOutput => {
    if (cfg.sortedByOrder) emitted.add(g.head.number);
    return g.failed
      ? rejectRow(g.position, `${input.name} order ${g.head.number}: ${g.failed}`, 'lines')
      : finish(g.head, g.lines, g.position);
  };

  /** A rejected row fails its whole order (when its order number can be read), so no order is booked short. */
  const markFailed = function* (n: string | undefined, position: Position): Generator<ParseOutput> {
    if (!n || emitted.has(n)) return;
    if (cfg.sortedByOrder && !groups.has(n)) {
      for (const g of groups.values()) yield emitGroup(g);
      groups.clear();
    }
    const g = groups.get(n) ?? ({ head: { number: n }, lines: [], position } as unknown as Group);
    g.failed ??= `line ${position.line} of this order was rejected`;
    groups.set(n, g);
  };

  for await (const ev of checkedRows(input, cfg, cfg.maxBytes)) {
    if (ctx.signal?.aborted) throw new Error('parse aborted');
    if (ev.kind === 'header' || (!readHeader && ev.kind === 'row')) {
      const table = new Table(ev.kind === 'header' ? ev.header : undefined, cfg);
      readHeader = orderHeaderReader(table, cfg.columns, cfg);
      readNumber = table.column(cfg.columns.orderNumber, 'columns.orderNumber');
      readLine = layout === 'lines' || hasLineColumns ? lineReader(table, cfg.columns, cfg) : undefined;
      if (ev.kind === 'header') continue;
    }
    if (ev.kind === 'bad') {
      yield rejectRow(ev.position, ev.reason, 'row');
      if (layout === 'lines') yield* markFailed(readNumber?.(ev.fields), ev.position);
      continue;
    }
    if (ev.kind !== 'row') continue;
    const { row, position } = ev as { row: CsvRow; position: Position };
    try {
      const head = readHeader!(row.fields);
      if (layout === 'lines') {
        if (cfg.sortedByOrder && !groups.has(head.number)) {
          // Sorted export: the previous order is complete, emit it and keep memory flat.
          for (const g of groups.values()) yield emitGroup(g);
          groups.clear();
          if (emitted.has(head.number)) {
            yield rejectRow(
              position,
              `${input.name} line ${position.line}: order ${head.number} appears again after other orders (the file is not sorted by order number)`,
              'orderNumber',
            );
            continue;
          }
        }
        const group = groups.get(head.number) ?? { head, lines: [], position };
        groups.set(head.number, group);
        if (!group.failed) group.lines.push(readLine!(row.fields, group.lines.length));
        continue;
      }
      const failedLine = details?.failed.get(head.number);
      if (failedLine !== undefined) {
        yield rejectRow(
          position,
          `${input.name} line ${position.line}: order ${head.number} has a rejected line (${details!.name} line ${failedLine})`,
          'details',
        );
        continue;
      }
      const lines = details?.byOrder.get(head.number) ?? (readLine ? [readLine(row.fields, 0)] : []);
      yield finish(head, lines, position);
    } catch (err) {
      yield asRejection(err, position, input.name);
      if (layout === 'lines') yield* markFailed(readNumber?.(row.fields), position);
    }
  }
  for (const g of groups.values()) yield emitGroup(g);
}
