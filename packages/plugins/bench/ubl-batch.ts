/**
 * UBL batch parse benchmark (a script, not a test). Generates a batch of N Peppol BIS 3 invoices inside a
 * wrapper element, streams it through the `ubl` connector (every invoice's totals are checked) and reports
 * invoices/s, MB/s and peak RSS.
 *
 *   cd packages/server && node --import tsx ../plugins/bench/ubl-batch.ts [invoices]   (default: 10000)
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromFile, isRejection } from '@hexiao/plugins/sdk';
import ubl from '../src/connectors/ubl/index.ts';

const enc = new TextEncoder();
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const money = (cents: number) => `${Math.floor(cents / 100)}.${pad(cents % 100, 2)}`;

function party(tag: string, i: number, seller: boolean): string {
  const vat = seller ? 'SE556677889901' : `DE${pad(100000000 + (i % 50000), 9)}`;
  return (
    `<cac:${tag}><cac:Party><cbc:EndpointID schemeID="0088">${seller ? '7300010000001' : pad(4000000000000 + (i % 50000), 13)}</cbc:EndpointID>` +
    `<cac:PartyName><cbc:Name>${seller ? 'Bench Seller AB' : `Customer ${i % 50000} GmbH`}</cbc:Name></cac:PartyName>` +
    `<cac:PostalAddress><cbc:StreetName>Street ${i % 100}</cbc:StreetName><cbc:CityName>City</cbc:CityName><cbc:PostalZone>12345</cbc:PostalZone><cac:Country><cbc:IdentificationCode>${seller ? 'SE' : 'DE'}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>` +
    `<cac:PartyTaxScheme><cbc:CompanyID>${vat}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>` +
    `<cac:PartyLegalEntity><cbc:RegistrationName>${seller ? 'Bench Seller AB' : `Customer ${i % 50000} GmbH`}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:${tag}>`
  );
}

/** One Peppol BIS 3 invoice (3 lines, a charge, 25 % VAT) whose totals add up. */
export function ublInvoice(i: number): string {
  const lines = [0, 1, 2].map((k) => ({ qty: 1 + ((i + k) % 9), price: 500 + ((i * 31 + k * 977) % 200000) }));
  const nets = lines.map((l) => l.qty * l.price);
  const lineTotal = nets.reduce((a, b) => a + b, 0);
  const charge = 2500;
  const exclusive = lineTotal + charge;
  const tax = Math.round(exclusive / 4);
  const inclusive = exclusive + tax;
  const day = pad(1 + (i % 28), 2);
  return (
    `<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">` +
    `<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>` +
    `<cbc:ID>INV-${pad(i, 8)}</cbc:ID><cbc:IssueDate>2025-03-${day}</cbc:IssueDate><cbc:DueDate>2025-04-${day}</cbc:DueDate>` +
    `<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cbc:BuyerReference>REF-${i}</cbc:BuyerReference>` +
    `<cac:OrderReference><cbc:ID>PO-${pad(i, 8)}</cbc:ID></cac:OrderReference>` +
    party('AccountingSupplierParty', i, true) +
    party('AccountingCustomerParty', i, false) +
    `<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentID>INV-${pad(i, 8)}</cbc:PaymentID><cac:PayeeFinancialAccount><cbc:ID>SE4550000000058398257466</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>` +
    `<cac:PaymentTerms><cbc:Note>30 days net</cbc:Note></cac:PaymentTerms>` +
    `<cac:AllowanceCharge><cbc:ChargeIndicator>true</cbc:ChargeIndicator><cbc:AllowanceChargeReason>Freight</cbc:AllowanceChargeReason><cbc:Amount currencyID="EUR">${money(charge)}</cbc:Amount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge>` +
    `<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">${money(tax)}</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">${money(exclusive)}</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">${money(tax)}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>` +
    `<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">${money(lineTotal)}</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="EUR">${money(exclusive)}</cbc:TaxExclusiveAmount>` +
    `<cbc:TaxInclusiveAmount currencyID="EUR">${money(inclusive)}</cbc:TaxInclusiveAmount><cbc:ChargeTotalAmount currencyID="EUR">${money(charge)}</cbc:ChargeTotalAmount><cbc:PayableAmount currencyID="EUR">${money(inclusive)}</cbc:PayableAmount></cac:LegalMonetaryTotal>` +
    lines
      .map(
        (l, k) =>
          `<cac:InvoiceLine><cbc:ID>${k + 1}</cbc:ID><cbc:InvoicedQuantity unitCode="H87">${l.qty}</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">${money(nets[k]!)}</cbc:LineExtensionAmount>` +
          `<cac:Item><cbc:Name>Article ${(i + k) % 1000}</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>` +
          `<cac:Price><cbc:PriceAmount currencyID="EUR">${money(l.price)}</cbc:PriceAmount></cac:Price></cac:InvoiceLine>`,
      )
      .join('') +
    `</Invoice>\n`
  );
}

/** Yields a batch of `count` UBL invoices in an `<Invoices>` wrapper, in chunks of about 64 KiB. */
export async function* generateUblInvoices(count: number): AsyncGenerator<Uint8Array> {
  yield enc.encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Invoices xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">\n`,
  );
  let buf = '';
  for (let i = 0; i < count; i++) {
    buf += ublInvoice(i);
    if (buf.length > 64 * 1024) {
      yield enc.encode(buf);
      buf = '';
    }
  }
  yield enc.encode(`${buf}</Invoices>\n`);
}

/** Writes the generated batch to a file; returns its size in bytes. */
export async function writeUblBatch(file: string, count: number): Promise<number> {
  const out = createWriteStream(file);
  for await (const chunk of generateUblInvoices(count))
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return (await stat(file)).size;
}

export interface UblBenchResult {
  invoices: number;
  seconds: number;
  invoicesPerSec: number;
  megabytes: number;
  mbPerSec: number;
  rejections: number;
  peakRssMb: number;
}

/** Generates a batch file, then times parse alone (stream → canonical invoices, totals checked). */
export async function runUblBench({ invoices }: { invoices: number }): Promise<UblBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'hexiao-ubl-bench-'));
  try {
    const file = join(dir, `ubl-batch-${invoices}.xml`);
    const bytes = await writeUblBatch(file, invoices);
    let peak = process.memoryUsage().rss;
    let records = 0;
    let rejections = 0;
    const t0 = process.hrtime.bigint();
    for await (const out of ubl.parse!(fromFile(file), { config: { ...ubl.defaults }, warn: () => {} })) {
      if (isRejection(out)) rejections++;
      else records++;
      if ((records & 1023) === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss);
    const megabytes = bytes / 1e6;
    return {
      invoices: records,
      seconds: Math.round(seconds * 1000) / 1000,
      invoicesPerSec: Math.round(records / seconds),
      megabytes: Math.round(megabytes * 10) / 10,
      mbPerSec: Math.round((megabytes / seconds) * 10) / 10,
      rejections,
      peakRssMb: Math.round(peak / 1e6),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const invoices = Number(process.argv[2] ?? 10_000);
  const r = await runUblBench({ invoices });
  console.log(
    `ubl batch: ${r.invoices} invoices (${r.megabytes} MB) parsed in ${r.seconds} s = ${r.invoicesPerSec} invoices/s, ${r.mbPerSec} MB/s, peak RSS ${r.peakRssMb} MB, ${r.rejections} rejections`,
  );
}
