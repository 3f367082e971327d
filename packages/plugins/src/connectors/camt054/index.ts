import { defineConnector } from '@hexiao/plugins/sdk';
import { camtConfigSchema, type CamtConfig } from '../camt-common/index.ts';
import { countCamt054, parseCamt054 } from './parse.ts';

export default defineConnector<CamtConfig>({
  id: 'camt054',
  kind: 'bank-feed',
  version: '1.0.0',
  title: 'ISO 20022 camt.054 debit/credit notification',
  description:
    'Bank-to-customer debit/credit notifications, camt.054.001.02 to .001.08 (ESR/QRR collective credits, returns).',
  accepts: ['*.xml', '*.054', '*.camt'],
  configSchema: camtConfigSchema,
  defaults: { splitBatches: true, bookedStatuses: ['BOOK'] },
  parse: parseCamt054,
  count: countCamt054,
});
