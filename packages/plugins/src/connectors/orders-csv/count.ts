import iconv from 'iconv-lite';
import type { ConnectorInput, ParseContext } from '@hexiao/plugins/sdk';
import type { OrdersCsvConfig } from './config.ts';

/**
 * Counts the data rows of a one-row-per-order file for the conformance kit, by plain line counting
 * (independent of csv-parse; a quoted field spanning lines would be miscounted). In the 'lines' layout a
 * record stands for a group of rows, so there is no per-row item to count: returns 0.
 */
export async function countOrderRows(input: ConnectorInput, ctx: ParseContext<OrdersCsvConfig>): Promise<number> {
  const cfg = ctx.config;
  if ((cfg?.layout ?? 'orders') !== 'orders') return 0;
  const decoder = iconv.getDecoder(cfg?.encoding ?? 'utf-8');
  let rest = '';
  let lines = 0;
  const countText = (text: string, final: boolean) => {
    const parts = (rest + text).split(/\r\n|\n|\r/);
    rest = final ? '' : (parts.pop() ?? '');
    for (const p of parts) if (p.trim() !== '') lines++;
  };
  for await (const chunk of input.stream()) countText(decoder.write(Buffer.from(chunk)), false);
  countText(decoder.end() ?? '', true);
  const skipped = (cfg?.skipLines ?? 0) + (cfg?.header === false ? 0 : 1);
  return Math.max(0, lines - skipped);
}
