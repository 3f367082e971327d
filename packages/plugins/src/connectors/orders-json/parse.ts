import iconv from 'iconv-lite';
import type { ConnectorInput, ParseContext, ParseOutput, Position } from '@hexiao/plugins/sdk';
import { AmountError, MappingError } from '../xml-dom/index.ts';
import type { OrdersJsonConfig } from './config.ts';
import { getPath } from './json-path.ts';
import { mapJsonOrder } from './map.ts';
import { InputError } from '@hexiao/plugins/sdk';

type Ctx = ParseContext<OrdersJsonConfig>;

const mapOrReject = (order: unknown, position: Position, cfg: OrdersJsonConfig, name: string): ParseOutput => {
  try {
    return mapJsonOrder(order, position, cfg);
  } catch (err) {
    if (err instanceof MappingError || err instanceof AmountError)
      return { rejected: { position, field: err.field, reason: `${name} order ${position.index}: ${err.message}` } };
    throw err;
  }
};

/** Reads a JSON document (held in memory up to maxBytes, default 50 MB) or streams NDJSON line by line. */
export async function* parseOrdersJson(input: ConnectorInput, ctx: Ctx): AsyncGenerator<ParseOutput> {
  const cfg = ctx.config;
  if (!cfg?.fields?.orderNumber || !cfg.fields.orderDate)
    throw new InputError('orders-json: config.fields.orderNumber and orderDate are required');
  const maxBytes = cfg.maxBytes ?? 50 * 1024 * 1024;
  const decoder = iconv.getDecoder('utf-8');
  if (cfg.format === 'ndjson') {
    yield* parseNdjson(input, ctx, decoder, maxBytes);
    return;
  }
  let text = '';
  let size = 0;
  for await (const chunk of input.stream()) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      yield {
        rejected: {
          position: { index: 0 },
          reason: `${input.name}: larger than ${maxBytes} bytes (use format "ndjson" for big exports)`,
        },
      };
      return;
    }
    text += decoder.write(Buffer.from(chunk));
  }
  text += decoder.end() ?? '';
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    yield { rejected: { position: { index: 0 }, reason: `${input.name}: not JSON (${(err as Error).message})` } };
    return;
  }
  const orders = getPath(doc, cfg.ordersPath ?? '');
  if (!Array.isArray(orders)) {
    yield {
      rejected: {
        position: { index: 0 },
        field: 'ordersPath',
        reason: `${input.name}: no array of orders at "${cfg.ordersPath ?? ''}"`,
      },
    };
    return;
  }
  for (let i = 0; i < orders.length; i++) {
    if (ctx.signal?.aborted) throw new Error('parse aborted');
    yield mapOrReject(orders[i], { index: i }, cfg, input.name);
  }
}

async function* parseNdjson(
  input: ConnectorInput,
  ctx: Ctx,
  decoder: ReturnType<typeof iconv.getDecoder>,
  maxBytes: number,
): AsyncGenerator<ParseOutput> {
  let rest = '';
  let line = 0;
  let index = 0;
  let size = 0;
  const handle = function* (raw: string) {
    line++;
    if (raw.trim() === '') return;
    const position: Position = { index: index++, line };
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      yield {
        rejected: { position, reason: `${input.name} line ${line}: not JSON (${(err as Error).message})` },
      } as ParseOutput;
      return;
    }
    yield mapOrReject(value, position, ctx.config, input.name);
  };
  for await (const chunk of input.stream()) {
    if (ctx.signal?.aborted) throw new Error('parse aborted');
    size += chunk.byteLength;
    if (size > maxBytes * 20) throw new InputError(`input is larger than ${maxBytes * 20} bytes`);
    const parts = (rest + decoder.write(Buffer.from(chunk))).split('\n');
    rest = parts.pop() ?? '';
    for (const p of parts) yield* handle(p);
  }
  const last = rest + (decoder.end() ?? '');
  if (last.trim() !== '') yield* handle(last);
}
