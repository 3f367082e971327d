import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asStrings, ciiTotals, ublTotals, type Totals } from './oracles.ts';
import { importDeps, importFiles, importTenant } from './support.ts';
import { fixtureFiles, sample, sharedOnlyFiles } from '../support/samples.ts';
import { ublCreditNote, ublOrder } from '../support/documents.ts';
import { describeListed } from '../support/skip.ts';
import { findDocumentByNumber } from '../../packages/server/src/store/repos/documents.ts';
import { countCustomers } from '../../packages/server/src/store/repos/customers.ts';
import { getOpenItems } from '../../packages/server/src/store/repos/open-items.ts';
import { publishDraft, saveDraft, validateDefinition } from '../../packages/server/src/domain/definitions/index.ts';
import { Decimal } from '../../packages/server/src/domain/money/index.ts';
import { testKinds } from '../support/factories.ts';

const generatedDir = mkdtempSync(join(tmpdir(), 'hexiao-documents-'));
afterAll(() => rmSync(generatedDir, { recursive: true, force: true }));
/** Writes a generated document to a file, for the import (which reads files). */
const generated = (name: string, text: string) => {
  writeFileSync(join(generatedDir, name), text);
  return join(generatedDir, name);
};
/** The XRechnung UBL invoice 123456XX, and a credit note CN-1 with the same totals that credits it. */
const invoice = sample('ubl', 'xrechnung-01.17a-INVOICE_ubl.xml');
const creditNote = generated(
  'credit-note.xml',
  ublCreditNote(readFileSync(invoice, 'utf8'), { number: 'CN-1', credits: '123456XX' }),
);

/** The seller's identifiers, read with plain regular expressions (tax ids and legal ids of the supplier party). */
function sellerIds(path: string): string[] {
  const xml = readFileSync(path, 'utf8');
  const party =
    /<cac:AccountingSupplierParty>([\s\S]*?)<\/cac:AccountingSupplierParty>/.exec(xml)?.[1] ??
    /<ram:SellerTradeParty>([\s\S]*?)<\/ram:SellerTradeParty>/.exec(xml)?.[1] ??
    '';
  return [...party.matchAll(/<(?:cbc:CompanyID|ram:ID|cbc:ID)[^>]*>([^<]+)</g)].map((m) => m[1]!.trim());
}

const createdTotals = (r: { totals: Record<string, { created: { credits: string; debits: string } }> }) =>
  Object.fromEntries(
    Object.entries(r.totals).map(([c, t]) => [c, { credits: t.created.credits, debits: t.created.debits }]),
  );

const eInvoice = (dir: 'ubl' | 'cii', oracle: (p: string) => Totals) => (path: string) =>
  it(`${dir}/${basename(path)}`, async () => {
    const ctx = await importTenant();
    const expected = asStrings(oracle(path));
    const payable = Object.values(expected)[0]!;
    const first = await importFiles(ctx, dir, [path], {
      inline: { connector: dir, config: {}, options: { sellerTaxIds: sellerIds(path) } },
    });
    if (new Decimal(payable.credits).plus(payable.debits).isZero()) {
      // nothing is due (fully prepaid): the ledger refuses a zero document, and the report says why
      expect([first.created, first.rejected]).toEqual([0, 1]);
      expect(first.rejections[0]!.reason).toMatch(/amount/);
      expect(first.documents.customersCreated).toBe(0);
      return;
    }
    expect(first.rejections).toEqual([]);
    expect([first.read, first.created, first.documents.created, first.documents.customersCreated]).toEqual([
      1, 1, 1, 1,
    ]);
    expect(createdTotals(first)).toEqual(expected);
    const again = await importFiles(ctx, dir, [path], {
      inline: { connector: dir, config: {}, options: { sellerTaxIds: sellerIds(path) } },
    });
    expect([again.created, again.duplicates, again.documents.customersCreated]).toEqual([0, 1, 0]);
  });

const invoiceCases = [
  ['ubl', ublTotals],
  ['cii', ciiTotals],
] as const;

describeListed('e-invoices in ../shared/samples only become receivables or credit documents, once', () => {
  for (const [dir, oracle] of invoiceCases) sharedOnlyFiles(dir).forEach(eInvoice(dir, oracle));
});

describe('e-invoices become financial receivables or credit documents, once', () => {
  for (const [dir, oracle] of invoiceCases) fixtureFiles(dir).forEach(eInvoice(dir, oracle));

  it('keeps no buyer of an invoice the ledger refuses, and keeps the buyer of the one it accepts', async () => {
    const ctx = await importTenant();
    const xml = readFileSync(invoice, 'utf8');
    // the same invoice in AUD, for which the tenant has no rate, from another buyer
    const refused = generated(
      'aud-invoice.xml',
      xml
        .replaceAll('currencyID="EUR"', 'currencyID="AUD"')
        .replace('<cbc:DocumentCurrencyCode>EUR<', '<cbc:DocumentCurrencyCode>AUD<')
        .replace('<cbc:ID>123456XX</cbc:ID>', '<cbc:ID>AUD-1</cbc:ID>')
        .replace('<cbc:ID>[Buyer identifier]</cbc:ID>', '<cbc:ID>OTHER-BUYER-7</cbc:ID>')
        .replace('[Buyer name]', 'Other buyer GmbH'),
    );
    const options = { sellerTaxIds: sellerIds(invoice), unknownBuyer: 'create' as const };
    const { db } = await importDeps();
    const before = await countCustomers(db, ctx.tenant.id);
    const alone = await importFiles(ctx, 'ubl', [refused], { inline: { connector: 'ubl', config: {}, options } });
    expect([alone.created, alone.rejected, alone.documents.customersCreated]).toEqual([0, 1, 0]);
    expect(alone.rejections[0]!.reason).toMatch(/refused by the ledger: .*fxRate/);
    expect(await countCustomers(db, ctx.tenant.id)).toBe(before);
    // in one import with an accepted invoice: the batch falls back to one posting each, and only its buyer stays
    const both = await importFiles(ctx, 'ubl', [refused, invoice], {
      inline: { connector: 'ubl', config: {}, options },
    });
    expect([both.created, both.rejected, both.documents.customersCreated]).toEqual([1, 1, 1]);
    expect(await countCustomers(db, ctx.tenant.id)).toBe(before + 1);
  });

  it('refuses an invoice from another seller, and an unknown buyer when the config says reject', async () => {
    const ctx = await importTenant();
    const path = invoice;
    const other = await importFiles(ctx, 'ubl', [path], {
      inline: { connector: 'ubl', config: {}, options: { sellerTaxIds: ['XX999'] } },
    });
    expect([other.created, other.rejected]).toEqual([0, 1]);
    expect(other.rejections[0]!.reason).toMatch(/is not this tenant/);
    const buyer = await importFiles(ctx, 'ubl', [path], {
      inline: { connector: 'ubl', config: {}, options: { sellerTaxIds: sellerIds(path), unknownBuyer: 'reject' } },
    });
    expect([buyer.created, buyer.rejected]).toEqual([0, 1]);
    expect(buyer.rejections[0]!.reason).toMatch(/is not a customer/);
  });
});

describeListed('orders in ../shared/samples only become estimated receivables', () => {
  it('Northwind CSV: rows split by an unquoted comma are rejected row by row with their lines, the rest imported once', async () => {
    const ctx = await importTenant();
    const orders = sample('orders', 'northwind-orders.csv');
    const details = sample('orders', 'northwind-order-details.csv');
    const config = {
      currency: 'USD',
      nullValues: ['NULL'],
      columns: {
        orderNumber: 'orderID',
        orderDate: 'orderDate',
        requestedDeliveryDate: 'requiredDate',
        shipmentDate: 'shippedDate',
        customerId: 'customerID',
        customerName: 'shipName',
      },
      chargeColumns: ['freight'],
      details: {
        path: details,
        columns: {
          orderNumber: 'orderID',
          itemId: 'productID',
          unitPrice: 'unitPrice',
          quantity: 'quantity',
          discount: 'discount',
        },
      },
    };
    // independent reading: a well-formed row has 14 fields; its total is Σ price × qty × (1 − discount) + freight
    const rows = readFileSync(orders, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const net = new Map<string, Decimal>();
    for (const [id, , price, qty, disc] of readFileSync(details, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')))
      net.set(
        id!,
        (net.get(id!) ?? new Decimal(0)).plus(new Decimal(price!).times(qty!).times(new Decimal(1).minus(disc!))),
      );
    const good = rows.filter((r) => r.length === 14);
    const total = good.reduce((s, r) => s.plus(net.get(r[0]!) ?? 0).plus(r[7]!), new Decimal(0));
    const badLines = rows.flatMap((r, i) => (r.length === 14 ? [] : [i + 2]));

    const first = await importFiles(ctx, 'orders-csv', [orders], { inline: { connector: 'orders-csv', config } });
    expect([first.read, first.created, first.rejected]).toEqual([rows.length, good.length, rows.length - good.length]);
    expect(first.rejections.map((r) => r.position.line)).toEqual(badLines);
    expect(first.rejections[0]!.reason).toMatch(/line 4: 15 fields, expected 14/);
    expect(new Decimal(first.totals.USD!.read.debits).eq(total)).toBe(true);
    // estimates are booked at cents (half_up): created differs from read by less than half a cent per order
    expect(
      new Decimal(first.totals.USD!.created.debits).minus(total).abs().lte(new Decimal('0.005').times(good.length)),
    ).toBe(true);
    const again = await importFiles(ctx, 'orders-csv', [orders], { inline: { connector: 'orders-csv', config } });
    expect([again.created, again.duplicates, again.rejected]).toEqual([0, good.length, rows.length - good.length]);
  }, 120_000);

  for (const file of sharedOnlyFiles('orders').filter((f) => f.endsWith('.xml')))
    it(`orders-ubl: ${basename(file)}`, () => importOrderOnce('orders-ubl', file));
});

/** Imports one order document, then again: one estimated receivable, then a duplicate. */
async function importOrderOnce(connector: string, path: string) {
  const ctx = await importTenant();
  const first = await importFiles(ctx, connector, [path]);
  expect(first.rejections).toEqual([]);
  expect([first.read, first.created]).toEqual([1, 1]);
  const again = await importFiles(ctx, connector, [path]);
  expect([again.created, again.duplicates]).toEqual([0, 1]);
}

describe('orders become estimated receivables', () => {
  it('orders-cii: orderx-EX01-order-full-data-comfort.xml', () =>
    importOrderOnce('orders-cii', sample('orders', 'orderx-EX01-order-full-data-comfort.xml')));
  it('orders-ubl: a generated order', () => importOrderOnce('orders-ubl', generated('po.xml', ublOrder())));
});

describe('a credit note is linked to the invoice it corrects', () => {
  const credit = creditNote;
  const options = { sellerTaxIds: [...sellerIds(invoice), ...sellerIds(credit)] };
  const payable = (path: string) => /<cbc:PayableAmount[^>]*>([^<]+)</.exec(readFileSync(path, 'utf8'))![1]!;

  it('settles the credit note against the booked invoice, leaving the difference open', async () => {
    const ctx = await importTenant();
    await importFiles(ctx, 'ubl', [invoice], { inline: { connector: 'ubl', config: {}, options } });
    const report = await importFiles(ctx, 'ubl', [credit], { inline: { connector: 'ubl', config: {}, options } });
    expect(report.rejections).toEqual([]);
    expect(report.documents.creditNotesApplied).toBe(1);
    const { db } = await importDeps();
    const inv = await findDocumentByNumber(db, ctx.tenant.id, 'invoice', '123456XX');
    const open = (await getOpenItems(db, ctx.tenant.id, [inv!.id])).get(inv!.id)!;
    const expected = Decimal.max(new Decimal(payable(invoice)).minus(payable(credit)), 0);
    expect(new Decimal(open.openAmount).toFixed(2)).toBe(expected.toFixed(2));
  });

  it('leaves a credit note open with a warning when its invoice is not booked', async () => {
    const ctx = await importTenant();
    const report = await importFiles(ctx, 'ubl', [credit], { inline: { connector: 'ubl', config: {}, options } });
    expect(report.documents.created).toBe(1);
    expect(report.documents.creditNotesApplied ?? 0).toBe(0);
    expect(report.warnings.join('\n')).toMatch(/corrects invoice 123456XX, which is not booked/);
  });
});

describe('the connector-config field mapping fills custom fields', () => {
  it('maps invoice fields into the receivable object type, validated on write', async () => {
    const ctx = await importTenant();
    const deps = await importDeps();
    await saveDraft(deps, ctx, {
      kind: 'object-type',
      key: 'receivable',
      document: {
        appliesTo: 'receivable',
        fields: {
          type: 'object',
          properties: { buyerName: { type: 'string' }, large: { type: 'boolean' } },
          required: ['buyerName'],
        },
      },
    });
    await publishDraft(deps, ctx, 'object-type', 'receivable');
    const mapping = {
      receivable: { buyerName: '/buyer/name', large: { 'dec>': [{ var: 'totals.payable' }, '1000'] } },
    };
    const report = await importFiles(ctx, 'ubl', [invoice], {
      inline: { connector: 'ubl', config: {}, mapping, options: { sellerTaxIds: sellerIds(invoice) } },
    });
    expect(report.rejections).toEqual([]);
    const doc = await findDocumentByNumber(deps.db, ctx.tenant.id, 'invoice', '123456XX');
    expect(doc!.custom).toMatchObject({ buyerName: expect.any(String), large: expect.any(Boolean) });

    const bad = await importFiles(ctx, 'ubl', [creditNote], {
      inline: {
        connector: 'ubl',
        config: {},
        mapping: { receivable: { buyerName: '/nothing' } },
        options: { sellerTaxIds: sellerIds(invoice) },
      },
    });
    expect(bad.rejected).toBe(1);
    expect(bad.rejections[0]!.reason).toMatch(/buyerName/);
  });

  it('refuses a config whose mapping is not a pointer or a valid rule, naming the field', () => {
    const errors = validateDefinition(testKinds, 'connector-config', {
      connector: 'ubl',
      config: {},
      mapping: { receivable: { a: { nope: [] } } },
    });
    expect(errors[0]!.pointer).toMatch(/^\/mapping\/receivable\/a/);
  });
});
