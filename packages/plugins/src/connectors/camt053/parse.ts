import type { ConnectorInput, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { countCamtEntries, parseCamt, type CamtConfig } from '../camt-common/index.ts';

/** Streams a camt.053 file (versions .001.02–.001.08) into statement and bank-line records. */
export function parseCamt053(input: ConnectorInput, ctx: ParseContext<CamtConfig>): AsyncIterable<ParseOutput> {
  return parseCamt('053', input, ctx);
}

/** Number of `<Ntry>` entries in the file. */
export function countCamt053(input: ConnectorInput): Promise<number> {
  return countCamtEntries('053', input);
}
