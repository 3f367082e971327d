import type { ConfigOf } from '@hexiao/plugins/sdk';
import type { ConnectorInput, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { countXmlDocuments, parseXmlDocuments } from '../xml-dom/index.ts';
import { mapUblOrder, UBL_ORDER_NS } from './map.ts';

export const ordersUblConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { maxBytes: { type: 'integer', minimum: 1, title: 'Largest accepted file (bytes)' } },
} as const;

export type OrdersUblConfig = ConfigOf<typeof ordersUblConfigSchema>;

const isUblOrder = (ns: string, local: string) => ns === UBL_ORDER_NS && local === 'Order';

/** Streams UBL Order documents: one per file or several inside any wrapper element. */
export function parseUblOrders(input: ConnectorInput, ctx: ParseContext<OrdersUblConfig>): AsyncIterable<ParseOutput> {
  return parseXmlDocuments(input, ctx, {
    expected: `a UBL 2.1 Order (namespace ${UBL_ORDER_NS})`,
    isDocument: isUblOrder,
    map: mapUblOrder,
  });
}

/** Number of Order elements (for the conformance kit). */
export const countUblOrders = (input: ConnectorInput) => countXmlDocuments(input, isUblOrder);
