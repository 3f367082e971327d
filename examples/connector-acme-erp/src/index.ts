import { defineConnector } from '@hexiao/plugins/sdk';
import { acmeConfigSchema, countAcme, parseAcme, type AcmeConfig } from './parse.ts';

/** ACME ERP invoice export → canonical invoices and credit notes. */
export default defineConnector<AcmeConfig>({
  id: 'acme-erp',
  kind: 'e-invoice',
  version: '0.1.0',
  title: 'ACME ERP invoice export (JSON)',
  description: 'Invoices and credit notes from the ACME ERP JSON export, format version 2.',
  accepts: ['acme-*.json'],
  configSchema: acmeConfigSchema,
  parse: parseAcme,
  count: countAcme,
});
