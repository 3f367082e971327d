import type { ConnectorInput, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { countXmlDocuments, parseXmlDocuments, warnUnlinkedCredit } from '../xml-dom/index.ts';
import { mapUblInvoice } from './map.ts';
import { UBL_CREDIT_NOTE_NS, UBL_INVOICE_NS } from './namespaces.ts';
import type { UblConfig } from './config.ts';

export const isUblDocument = (ns: string, local: string) =>
  (ns === UBL_INVOICE_NS && local === 'Invoice') || (ns === UBL_CREDIT_NOTE_NS && local === 'CreditNote');

/** Streams a UBL file: one Invoice/CreditNote, or a batch of them inside any wrapper element. */
export function parseUbl(input: ConnectorInput, ctx: ParseContext<UblConfig>): AsyncIterable<ParseOutput> {
  return parseXmlDocuments(input, ctx, {
    expected:
      'a UBL 2.1 Invoice or CreditNote (namespaces urn:oasis:names:specification:ubl:schema:xsd:Invoice-2 / CreditNote-2)',
    isDocument: isUblDocument,
    map: (el, position) =>
      warnUnlinkedCredit(mapUblInvoice(el, position, { corrections: ctx.config?.corrections }), ctx.warn),
  });
}

/** Number of Invoice/CreditNote elements (for the conformance kit). */
export const countUbl = (input: ConnectorInput) => countXmlDocuments(input, isUblDocument);
