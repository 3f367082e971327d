import { defineConnector } from '@hexiao/plugins/sdk';
import { invoiceConfigSchema, type UblConfig as CiiConfig } from '../ubl/config.ts';
import { countCii, parseCii } from './parse.ts';

export type { CiiConfig };

export default defineConnector<CiiConfig>({
  id: 'cii',
  kind: 'e-invoice',
  version: '1.0.0',
  title: 'UN/CEFACT CII (Factur-X, ZUGFeRD, XRechnung)',
  description: 'CrossIndustryInvoice D16B as used by Factur-X / ZUGFeRD (all profiles) and XRechnung CII.',
  accepts: ['*.xml'],
  configSchema: invoiceConfigSchema,
  defaults: { corrections: 'credit-note' },
  parse: parseCii,
  count: countCii,
});
