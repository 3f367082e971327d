import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { ConnectorInput } from '@hexiao/plugins/sdk';
import type { CsvFormat } from './config.ts';
import { InputError, isInputError } from '@hexiao/plugins/sdk';

export interface CsvRow {
  fields: string[];
  /** 1-based line number where the row ends (rows are one line unless a quoted field spans lines). */
  line: number;
}

/** Streams CSV rows (header included) decoded with the configured encoding; no column-count checks here. */
export async function* csvRows(
  input: ConnectorInput,
  format: CsvFormat,
  maxBytes = 200 * 1024 * 1024,
): AsyncGenerator<CsvRow> {
  const encoding = format.encoding ?? 'utf-8';
  if (!iconv.encodingExists(encoding)) throw new InputError(`unknown encoding "${encoding}"`);
  const parser = parse({
    delimiter: format.delimiter ?? ',',
    quote: format.quote === '' ? false : (format.quote ?? '"'),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    info: true,
    from_line: (format.skipLines ?? 0) + 1,
  });
  const decoder = iconv.getDecoder(encoding);
  const pump = (async () => {
    let total = 0;
    for await (const chunk of input.stream()) {
      total += chunk.byteLength;
      if (total > maxBytes) throw new InputError(`input is larger than ${maxBytes} bytes`);
      const text = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (text && !parser.write(text)) await new Promise((r) => parser.once('drain', r));
    }
    parser.end(decoder.end() ?? '');
  })().catch((err: unknown) => parser.destroy(err as Error));
  try {
    for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
      yield { fields: rec.record, line: rec.info.lines };
  } catch (e) {
    // what the CSV reader cannot read is the file's fault
    throw isInputError(e) ? e : new InputError(`not readable as CSV: ${(e as Error).message}`, { cause: e });
  }
  await pump;
}
