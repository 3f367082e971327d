import type { ConnectorInput, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { countXmlDocuments, parseXmlDocuments, warnUnlinkedCredit } from '../xml-dom/index.ts';
import type { UblConfig as InvoiceConfig } from '../ubl/config.ts';
import { mapCiiInvoice } from './map.ts';
import { CII_RSM_NS } from './namespaces.ts';

const isCiiInvoice = (ns: string, local: string) => ns === CII_RSM_NS && local === 'CrossIndustryInvoice';

/** Streams a CII file: one CrossIndustryInvoice, or several inside any wrapper element. */
export function parseCii(input: ConnectorInput, ctx: ParseContext<InvoiceConfig>): AsyncIterable<ParseOutput> {
  return parseXmlDocuments(input, ctx, {
    expected: `a UN/CEFACT CrossIndustryInvoice (namespace ${CII_RSM_NS})`,
    isDocument: isCiiInvoice,
    map: (el, position) =>
      warnUnlinkedCredit(mapCiiInvoice(el, position, { corrections: ctx.config?.corrections }), ctx.warn),
  });
}

/** Number of CrossIndustryInvoice elements (for the conformance kit). */
export const countCii = (input: ConnectorInput) => countXmlDocuments(input, isCiiInvoice);
