import { Decimal } from '@hexiao/dsl';
import type { ConnectorInput, FxRateRecord, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { MappingError } from '../xml-dom/index.ts';
import { cellReaders, mapRows } from '../master-csv/index.ts';
import { rateColumns, type FxRatesCsvConfig } from './config.ts';

/** Streams published exchange rates (default headers: date, from, to, rate): one `from` is `rate` `to`. */
export async function* parseFxRatesCsv(
  input: ConnectorInput,
  ctx: ParseContext<FxRatesCsvConfig>,
): AsyncGenerator<ParseOutput> {
  const cfg = ctx.config ?? {};
  const read = cellReaders(cfg);
  const seen = new Map<string, { line: number; rate: string }>();
  yield* mapRows(input, ctx, {
    defaults: rateColumns,
    required: ['date', 'from', 'rate'],
    map(c, position): FxRateRecord {
      const date = read.date(read.required(c.date, 'date'), 'date')!;
      const from = read.currency(read.required(c.from, 'from', 'from currency'), 'from')!;
      const to = read.currency(c.to ?? cfg.to, 'to');
      if (!to) throw new MappingError('to', 'to currency is missing (a to column or config.to)');
      if (from === to) throw new MappingError('to', `from and to are both ${from}`);
      const rate = read.amount(read.required(c.rate, 'rate'), 'rate')!;
      if (new Decimal(rate).isZero()) throw new MappingError('rate', 'rate is zero');
      const sourceKey = `${date}|${from}|${to}`;
      const first = seen.get(sourceKey);
      if (first)
        throw new MappingError(
          'rate',
          `the ${from}→${to} rate for ${date} is already on line ${first.line}${first.rate === rate ? '' : ` (${first.rate}, here ${rate})`}`,
        );
      seen.set(sourceKey, { line: position.line!, rate });
      return { type: 'fx-rate', sourceKey, date, from, to, rate, position };
    },
  });
}
