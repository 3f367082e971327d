import type { ConnectorInput, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { parseXmlDocuments } from '../xml-dom/index.ts';
import { mapUblOrder, UBL_ORDER_NS } from './map.ts';

export interface OrdersUblConfig {
  maxBytes?: number;
}

/** Streams UBL Order documents: one per file or several inside any wrapper element. */
export function parseUblOrders(input: ConnectorInput, ctx: ParseContext<OrdersUblConfig>): AsyncIterable<ParseOutput> {
  return parseXmlDocuments(input, ctx, {
    expected: `a UBL 2.1 Order (namespace ${UBL_ORDER_NS})`,
    isDocument: (ns, local) => ns === UBL_ORDER_NS && local === 'Order',
    map: mapUblOrder,
  });
}
