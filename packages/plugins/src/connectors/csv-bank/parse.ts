import { Readable } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import { createBankLineKeys, decodeStream, InputError, isInputError } from '@hexiao/plugins/sdk';
import type {
  BankAccountRef,
  BankLineRecord,
  ConnectorInput,
  ParseContext,
  ParseOutput,
  Rejection,
} from '@hexiao/plugins/sdk';
import { ColumnIndex, dateParser } from './columns.ts';
import { resolveConfig, type CsvBankConfig } from './config.ts';
import { CsvRowError, mapRow } from './map.ts';

const reject = (index: number, line: number | undefined, reason: string, field?: string): Rejection => ({
  rejected: { position: { index, ...(line ? { line } : {}) }, reason, ...(field ? { field } : {}) },
});

interface CsvRow {
  cells: string[];
  line: number;
}

/** Streams rows (cells + line number) after the skipped lines and the header. */
async function* rows(input: ConnectorInput, config: CsvBankConfig): AsyncGenerator<CsvRow> {
  const parser = Readable.from(decodeStream(input.stream(), config.encoding ?? 'auto')).pipe(
    csvParse({
      delimiter: config.delimiter ?? ',',
      quote: config.quote ?? '"',
      from_line: (config.skipLines ?? 0) + 1,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      info: true,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { cells: record, line: info.lines };
  } catch (e) {
    // what the CSV reader cannot read is the file's fault
    throw isInputError(e) ? e : new InputError(`not readable as CSV: ${(e as Error).message}`, { cause: e });
  }
}

function ignored(config: CsvBankConfig): (cells: string[]) => boolean {
  if (!config.ignoreRowsMatching) return (cells) => cells.every((c) => c.trim() === '');
  const re = new RegExp(config.ignoreRowsMatching);
  return (cells) => cells.every((c) => c.trim() === '') || re.test(cells.join(config.delimiter ?? ','));
}

/**
 * Streams a bank or PSP CSV export through a column mapping (see config.ts and the presets). Each data
 * row becomes a bank line or a rejection naming the row, the column and the reason.
 */
export async function* parseCsvBank(
  input: ConnectorInput,
  ctx: ParseContext<Partial<CsvBankConfig>>,
): AsyncGenerator<ParseOutput> {
  const config = resolveConfig(ctx.config ?? {});
  const skip = ignored(config);
  const keyOf = createBankLineKeys();
  const dates = {
    booking: dateParser(config.dateFormat ?? 'YYYY-MM-DD'),
    value: dateParser(config.valueDateFormat ?? config.dateFormat ?? 'YYYY-MM-DD'),
  };
  const base: BankAccountRef = {};
  if (config.account?.iban) base.iban = config.account.iban.replace(/\s+/g, '').toUpperCase();
  else base.number = config.account?.number ?? 'CSV';
  if (config.account?.bic) base.bic = config.account.bic;
  if (config.account?.name) base.name = config.account.name;
  const accounts = new Map<string, BankAccountRef>();
  let cols: ColumnIndex | undefined = config.header === false ? new ColumnIndex(undefined) : undefined;
  let index = 0;
  const ordinals = new Map<string, number>();

  for await (const row of rows(input, config)) {
    if (ctx.signal?.aborted) throw new Error('parse aborted');
    if (!cols) {
      cols = new ColumnIndex(row.cells);
      const c = config.columns;
      const required: [string, unknown][] = [
        ['bookingDate', c.bookingDate],
        ...(c.debit !== undefined || c.credit !== undefined ? [] : [['amount', c.amount] as [string, unknown]]),
      ];
      const missing = required
        .filter(([, ref]) => ref === undefined || !cols!.has(ref as never))
        .map(([k, ref]) => `${k} (${JSON.stringify(ref)})`);
      if (missing.length > 0) {
        yield reject(
          0,
          row.line,
          `the header has no column for ${missing.join(', ')}; header is: ${row.cells.join(config.delimiter ?? ',')}`,
          'columns',
        );
        return;
      }
      continue;
    }
    if (skip(row.cells)) continue;
    const at = index++;
    let draft;
    try {
      draft = mapRow(row.cells, cols, config, dates);
    } catch (e) {
      if (!(e instanceof CsvRowError)) throw e;
      yield reject(at, row.line, `row ${at + 1} (line ${row.line}): ${e.message}`, e.field);
      continue;
    }
    let account = accounts.get(draft.currency);
    if (!account) {
      account = { ...base, currency: draft.currency };
      accounts.set(draft.currency, account);
    }
    const ordinal = ordinals.get(draft.currency) ?? 0;
    ordinals.set(draft.currency, ordinal + 1);
    const line: BankLineRecord = {
      type: 'bank-line',
      sourceKey: keyOf({ account, ...draft }),
      account,
      ...draft,
      ordinal,
      position: { index: at, line: row.line },
    };
    yield line;
  }
  if (!cols) yield reject(0, 1, 'the file is empty (no header row)', 'header');
}

/** Counts data rows (not the header, blank or ignored rows): the conformance kit's independent count. */
export async function countCsvBank(input: ConnectorInput, ctx: ParseContext<Partial<CsvBankConfig>>): Promise<number> {
  const config = resolveConfig(ctx.config ?? {});
  const skip = ignored(config);
  let n = 0;
  let header = config.header !== false;
  for await (const row of rows(input, config)) {
    if (header) {
      header = false;
      continue;
    }
    if (!skip(row.cells)) n++;
  }
  return n;
}
