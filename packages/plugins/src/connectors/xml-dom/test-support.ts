import type { Connector, InvoiceRecord, OrderRecord, ParseOutput, Rejection } from '@hexiao/plugins/sdk';
import { bytesInput, fileInput } from './input.ts';

export { fixtureFolder, sample, sharedFolder } from '../../../../../test/support/samples.ts';

export async function runConnector<C>(
  connector: Connector<C>,
  source: string | { name: string; data: string | Uint8Array },
  config: Partial<C> = {},
): Promise<{ out: ParseOutput[]; warnings: string[] }> {
  const input = typeof source === 'string' ? fileInput(source) : bytesInput(source.name, source.data, 4096);
  const warnings: string[] = [];
  const out: ParseOutput[] = [];
  const ctx = { config: { ...(connector.defaults ?? {}), ...config } as C, warn: (m: string) => warnings.push(m) };
  for await (const r of connector.parse!(input, ctx)) out.push(r);
  return { out, warnings };
}

export const invoices = (out: ParseOutput[]) =>
  out.filter((r): r is InvoiceRecord => 'type' in r && r.type === 'invoice');
export const orders = (out: ParseOutput[]) => out.filter((r): r is OrderRecord => 'type' in r && r.type === 'order');
export const rejections = (out: ParseOutput[]) => out.filter((r): r is Rejection => 'rejected' in r);
