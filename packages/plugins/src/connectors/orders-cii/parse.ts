import type { ConnectorInput, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { parseXmlDocuments } from '../xml-dom/index.ts';
import { mapOrderX } from './map.ts';
import { ORDERX_RSM_NS } from './namespaces.ts';

export interface OrdersCiiConfig {
  maxBytes?: number;
}

/** Streams Order-X messages: one per file or several inside any wrapper element. */
export function parseOrderX(input: ConnectorInput, ctx: ParseContext<OrdersCiiConfig>): AsyncIterable<ParseOutput> {
  return parseXmlDocuments(input, ctx, {
    expected: `an Order-X / CII order (rsm:SCRDMCCBDACIOMessageStructure, namespace ${ORDERX_RSM_NS})`,
    isDocument: (ns, local) => ns === ORDERX_RSM_NS && local === 'SCRDMCCBDACIOMessageStructure',
    map: mapOrderX,
  });
}
