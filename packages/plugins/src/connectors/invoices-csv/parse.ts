import { Decimal } from '@hexiao/dsl';
import type { ConnectorInput, OpenInvoiceRecord, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { MappingError } from '../xml-dom/index.ts';
import { cellReaders, mapRows } from '../master-csv/index.ts';
import { invoiceColumns, type InvoicesCsvConfig } from './config.ts';

/** Streams an open-items CSV (default headers: invoice_no, customer_code, currency, amount, issue_date, …). */
export async function* parseInvoicesCsv(
  input: ConnectorInput,
  ctx: ParseContext<InvoicesCsvConfig>,
): AsyncGenerator<ParseOutput> {
  const cfg = ctx.config ?? {};
  const read = cellReaders(cfg);
  const seen = new Map<string, { line: number; amount: string }>();
  yield* mapRows(input, ctx, {
    defaults: invoiceColumns,
    required: ['number', 'customerCode', 'amount', 'issueDate'],
    map(c, position): OpenInvoiceRecord {
      const number = read.required(c.number, 'number', 'invoice number');
      const customerCode = read.required(c.customerCode, 'customerCode', 'customer code');
      const currency = read.currency(c.currency ?? cfg.currency, 'currency');
      if (!currency) throw new MappingError('currency', 'currency is missing (a currency column or config.currency)');
      const amount = read.amount(read.required(c.amount, 'amount'), 'amount')!;
      if (new Decimal(amount).isZero()) throw new MappingError('amount', 'amount is zero');
      const first = seen.get(number);
      if (first)
        throw new MappingError(
          'number',
          first.amount === amount
            ? `invoice ${number} is already on line ${first.line}`
            : `invoice ${number} is already on line ${first.line} with amount ${first.amount}, here ${amount}`,
        );
      seen.set(number, { line: position.line!, amount });
      const issueDate = read.date(read.required(c.issueDate, 'issueDate', 'issue date'), 'issueDate')!;
      const record: OpenInvoiceRecord = {
        type: 'open-invoice',
        sourceKey: number,
        number,
        customerCode,
        currency,
        amount,
        issueDate,
        position,
      };
      const open = read.amount(c.openAmount, 'openAmount');
      if (open !== undefined) {
        if (new Decimal(open).gt(amount))
          throw new MappingError('openAmount', `open amount ${open} is more than the invoice amount ${amount}`);
        if (new Decimal(open).isZero())
          throw new MappingError('openAmount', `open amount is zero: invoice ${number} is settled, nothing is open`);
        if (!new Decimal(open).eq(amount)) record.openAmount = open;
      }
      const due = read.date(c.dueDate, 'dueDate');
      if (due !== undefined) {
        if (due < issueDate) throw new MappingError('dueDate', `due date ${due} is before the issue date ${issueDate}`);
        record.dueDate = due;
      }
      const days = read.days(c.paymentTermsDays, 'paymentTermsDays');
      if (days !== undefined) record.paymentTermsDays = days;
      const rate = read.amount(c.fxRate, 'fxRate');
      if (rate !== undefined) {
        if (new Decimal(rate).isZero()) throw new MappingError('fxRate', 'fx rate is zero');
        record.fxRate = rate;
      }
      if (c.orderReference) record.orderReference = c.orderReference;
      if (c.reference) record.reference = c.reference;
      return record;
    },
  });
}
