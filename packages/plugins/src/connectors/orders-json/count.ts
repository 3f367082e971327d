import type { ConnectorInput, ParseContext } from '@hexiao/plugins/sdk';
import type { OrdersJsonConfig } from './config.ts';
import { getPath } from './json-path.ts';

/** Counts orders for the conformance kit: array length at ordersPath, or non-empty NDJSON lines; 1 if unreadable. */
export async function countJsonOrders(input: ConnectorInput, ctx: ParseContext<OrdersJsonConfig>): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const c of input.stream()) chunks.push(Buffer.from(c));
  const text = Buffer.concat(chunks).toString('utf8');
  if (ctx.config?.format === 'ndjson') return text.split('\n').filter((l) => l.trim() !== '').length;
  try {
    const orders = getPath(JSON.parse(text), ctx.config?.ordersPath ?? '');
    return Array.isArray(orders) ? Math.max(1, orders.length) : 1;
  } catch {
    return 1;
  }
}
