import type { BankAccountRef, ConnectorInput, CustomerRecord, ParseContext, ParseOutput } from '@hexiao/plugins/sdk';
import { MappingError } from '../xml-dom/index.ts';
import { cellReaders, mapRows, type Cells } from '../master-csv/index.ts';
import { customerColumns, type CustomerField, type CustomersCsvConfig } from './config.ts';

const ibanShape = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/;

/** Several payer accounts in one cell, split on the separator: IBANs in electronic form, numbers as given. */
function accounts(cells: Cells<CustomerField>, separator: string): BankAccountRef[] {
  const split = (v: string | undefined) =>
    (v ?? '')
      .split(separator)
      .map((x) => x.trim())
      .filter(Boolean);
  const out: BankAccountRef[] = [];
  for (const raw of split(cells.iban)) {
    const iban = raw.replace(/\s+/g, '').toUpperCase();
    if (!ibanShape.test(iban)) throw new MappingError('iban', `"${raw}" is not an IBAN`);
    out.push({ iban });
  }
  for (const number of split(cells.accountNumber)) out.push({ number });
  return out;
}

/** Streams a customer-master CSV (default headers: code, name, tax_id, iban, account_number, parent_code, …). */
export async function* parseCustomersCsv(
  input: ConnectorInput,
  ctx: ParseContext<CustomersCsvConfig>,
): AsyncGenerator<ParseOutput> {
  const cfg = ctx.config ?? {};
  const read = cellReaders(cfg);
  const seen = new Map<string, number>();
  yield* mapRows(input, ctx, {
    defaults: customerColumns,
    required: ['code', 'name'],
    map(c, position): CustomerRecord {
      const code = read.required(c.code, 'code', 'customer code');
      const first = seen.get(code);
      if (first !== undefined) throw new MappingError('code', `customer ${code} is already on line ${first}`);
      seen.set(code, position.line!);
      const bankAccounts = accounts(c, cfg.accountSeparator ?? ';');
      const record: CustomerRecord = {
        type: 'customer',
        sourceKey: code,
        code,
        name: read.required(c.name, 'name', 'customer name'),
        position,
      };
      if (c.taxId) record.taxId = c.taxId;
      if (bankAccounts.length) record.bankAccounts = bankAccounts;
      if (c.parentCode) {
        if (c.parentCode === code) throw new MappingError('parentCode', `customer ${code} cannot be its own parent`);
        record.parentCode = c.parentCode;
      }
      if (c.region) record.region = c.region;
      if (c.salesOwner) record.salesOwner = c.salesOwner;
      if (c.billingEmail) record.billingEmail = c.billingEmail;
      const currency = read.currency(c.currency, 'currency');
      if (currency) record.currency = currency;
      const days = read.days(c.paymentTermsDays, 'paymentTermsDays');
      if (days !== undefined) record.paymentTermsDays = days;
      return record;
    },
  });
}
