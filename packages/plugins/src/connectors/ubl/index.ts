import { defineConnector } from '@hexiao/plugins/sdk';
import { invoiceConfigSchema, type UblConfig } from './config.ts';
import { countUbl, parseUbl } from './parse.ts';

export default defineConnector<UblConfig>({
  id: 'ubl',
  kind: 'e-invoice',
  version: '1.0.0',
  title: 'UBL 2.1 Invoice / CreditNote (Peppol BIS Billing 3.0, XRechnung)',
  description: 'Invoices and credit notes in OASIS UBL 2.1 as exchanged over Peppol; one document or a batch per file.',
  accepts: ['*.xml'],
  configSchema: invoiceConfigSchema,
  defaults: { corrections: 'credit-note' },
  parse: parseUbl,
  count: countUbl,
});
