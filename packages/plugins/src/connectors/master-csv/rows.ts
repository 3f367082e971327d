import type { ConnectorInput, ParseContext, ParseOutput, Position } from '@hexiao/plugins/sdk';
import { InputError } from '@hexiao/plugins/sdk';
import { MappingError } from '../xml-dom/index.ts';
import { csvRows } from '../orders-csv/csv-rows.ts';
import type { ColumnRef, MasterCsvFormat } from './format.ts';

/** A row's cells by field name (trimmed; empty and null markers are undefined). */
export type Cells<F extends string> = Partial<Record<F, string>>;

export interface TableSpec<F extends string, R> {
  /** The default header of each field (used when the config does not name a column). */
  defaults: Record<F, string>;
  /** Fields whose column must be in the file. */
  required: readonly NoInfer<F>[];
  /** Turns a row into a record; throws a MappingError (field, reason) to reject the row. */
  map(cells: Cells<NoInfer<F>>, position: Position): R;
}

/**
 * Streams a headed CSV file through a row mapper. A configured column missing from the header, or a default
 * one of a required field, makes the file unreadable; a default optional column that is absent is just empty.
 * A row with the wrong field count or a MappingError is rejected naming its line; the other rows go on.
 */
export async function* mapRows<F extends string, R extends ParseOutput>(
  input: ConnectorInput,
  ctx: ParseContext<MasterCsvFormat & { columns?: Partial<Record<string, ColumnRef>> }>,
  spec: TableSpec<F, R>,
): AsyncGenerator<ParseOutput> {
  const cfg = ctx.config ?? {};
  const given: Partial<Record<string, ColumnRef>> = cfg.columns ?? {};
  const nulls = new Set(cfg.nullValues ?? []);
  let indexes: [F, number][] | undefined;
  let expected: number | undefined;
  let index = 0;
  const resolve = (header: string[] | undefined) => {
    const out: [F, number][] = [];
    for (const field of Object.keys(spec.defaults) as F[]) {
      const ref = given[field] ?? spec.defaults[field];
      if (typeof ref === 'number') {
        out.push([field, ref]);
        continue;
      }
      const i = header?.findIndex((h) => h === ref) ?? -1;
      if (i >= 0) out.push([field, i]);
      else if (given[field] !== undefined || spec.required.includes(field))
        throw new InputError(
          `${input.name}: column "${ref}" (columns.${field}) is not in the header${header ? ` (${header.join(', ')})` : ' (config.header is false: give column indexes)'}`,
        );
    }
    return out;
  };
  for await (const row of csvRows(input, cfg, cfg.maxBytes)) {
    if (ctx.signal?.aborted) throw new Error('parse aborted');
    if (!indexes) {
      const header = cfg.header === false ? undefined : row.fields.map((h) => h.trim());
      indexes = resolve(header);
      expected = header?.length;
      if (header) continue;
    }
    expected ??= row.fields.length;
    const position: Position = { index: index++, line: row.line };
    if (row.fields.length !== expected) {
      yield {
        rejected: {
          position,
          field: 'row',
          reason: `${input.name} line ${row.line}: ${row.fields.length} fields, expected ${expected}${row.fields.length > expected ? ` (an unquoted "${cfg.delimiter ?? ','}" inside a field?)` : ''}`,
        },
      };
      continue;
    }
    const cells: Cells<F> = {};
    for (const [field, i] of indexes) {
      const v = row.fields[i]?.trim();
      if (v !== undefined && v !== '' && !nulls.has(v)) cells[field] = v;
    }
    try {
      yield spec.map(cells, position);
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      yield { rejected: { position, field: e.field, reason: `${input.name} line ${row.line}: ${e.message}` } };
    }
  }
}
