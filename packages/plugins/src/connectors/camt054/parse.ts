import type { ConnectorInput, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { countCamtEntries, parseCamt, type CamtConfig } from '../camt-common/index.ts';

/**
 * Streams a camt.054 debit/credit notification (versions .001.02–.001.08). Each `<Ntfctn>` becomes a
 * statement record without balances; its entries become bank lines keyed exactly like camt.053 lines,
 * so the same booking delivered by camt.054 and then camt.053 is recognised as a duplicate.
 */
export function parseCamt054(input: ConnectorInput, ctx: ParseContext<CamtConfig>): AsyncIterable<ParseOutput> {
  return parseCamt('054', input, ctx);
}

export function countCamt054(input: ConnectorInput): Promise<number> {
  return countCamtEntries('054', input);
}
