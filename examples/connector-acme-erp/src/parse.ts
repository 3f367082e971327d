import type { ConfigOf, ConnectorInput, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import type { AcmeExport } from './export-format.ts';
import { AcmeFieldError, mapAcmeInvoice } from './map.ts';

export const acmeConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxBytes: {
      type: 'integer',
      minimum: 1,
      title: 'Largest accepted export (bytes)',
      description: 'Refuse exports larger than this (default 20 MB): the ACME export is one JSON document.',
    },
  },
} as const;

/** The config type, derived from its schema (one source of truth). */
export type AcmeConfig = ConfigOf<typeof acmeConfigSchema>;

async function readExport(input: ConnectorInput, maxBytes: number): Promise<AcmeExport | string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of input.stream()) {
    size += chunk.byteLength;
    if (size > maxBytes) return `larger than ${maxBytes} bytes`;
    chunks.push(chunk);
  }
  try {
    const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AcmeExport;
    if (doc?.acme?.export !== 'invoices' || !Array.isArray(doc.invoices))
      return 'not an ACME ERP invoice export (acme.export must be "invoices")';
    if (doc.acme.formatVersion !== 2)
      return `unsupported ACME export format version ${String(doc.acme.formatVersion)} (2 is read)`;
    return doc;
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
}

/** Yields one InvoiceRecord or one rejection per invoice of the export. */
export async function* parseAcme(input: ConnectorInput, ctx: ParseContext<AcmeConfig>): AsyncGenerator<ParseOutput> {
  const doc = await readExport(input, ctx.config?.maxBytes ?? 20 * 1024 * 1024);
  if (typeof doc === 'string') {
    yield { rejected: { position: { index: 0 }, reason: `${input.name}: ${doc}` } };
    return;
  }
  for (const [index, inv] of doc.invoices.entries()) {
    const position = { index, xpath: `/invoices/${index}` };
    try {
      yield mapAcmeInvoice(inv, doc.acme.company, position);
    } catch (e) {
      if (!(e instanceof AcmeFieldError)) throw e;
      yield { rejected: { position, field: e.field, reason: `invoice ${inv?.no ?? index}: ${e.message}` } };
    }
  }
}

/** Invoices in the export (at least 1: an unreadable file is one rejection). */
export async function countAcme(input: ConnectorInput, ctx: ParseContext<AcmeConfig>): Promise<number> {
  const doc = await readExport(input, ctx.config?.maxBytes ?? 20 * 1024 * 1024);
  return typeof doc === 'string' ? 1 : Math.max(1, doc.invoices.length);
}
