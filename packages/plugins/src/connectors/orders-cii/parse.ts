import type { ConfigOf } from '@hexiao/plugins/sdk';
import type { ConnectorInput, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { countXmlDocuments, parseXmlDocuments } from '../xml-dom/index.ts';
import { mapOrderX } from './map.ts';
import { ORDERX_RSM_NS } from './namespaces.ts';

export const ordersCiiConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { maxBytes: { type: 'integer', minimum: 1, title: 'Largest accepted file (bytes)' } },
} as const;

export type OrdersCiiConfig = ConfigOf<typeof ordersCiiConfigSchema>;

const isOrderX = (ns: string, local: string) => ns === ORDERX_RSM_NS && local === 'SCRDMCCBDACIOMessageStructure';

/** Streams Order-X messages: one per file or several inside any wrapper element. */
export function parseOrderX(input: ConnectorInput, ctx: ParseContext<OrdersCiiConfig>): AsyncIterable<ParseOutput> {
  return parseXmlDocuments(input, ctx, {
    expected: `an Order-X / CII order (rsm:SCRDMCCBDACIOMessageStructure, namespace ${ORDERX_RSM_NS})`,
    isDocument: isOrderX,
    map: mapOrderX,
  });
}

/** Number of Order-X messages (for the conformance kit). */
export const countOrderX = (input: ConnectorInput) => countXmlDocuments(input, isOrderX);
