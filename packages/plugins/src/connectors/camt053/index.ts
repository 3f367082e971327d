import { defineConnector } from '@hexiao/plugins/sdk';
import { camtConfigSchema, type CamtConfig } from '../camt-common/index.ts';
import { countCamt053, parseCamt053 } from './parse.ts';

export default defineConnector<CamtConfig>({
  id: 'camt053',
  kind: 'bank-feed',
  version: '1.0.0',
  title: 'ISO 20022 camt.053 bank statement',
  description: 'Bank-to-customer statements, camt.053.001.02 to .001.08 (version read from the namespace).',
  accepts: ['*.xml', '*.053', '*.camt'],
  configSchema: camtConfigSchema,
  defaults: { splitBatches: true, bookedStatuses: ['BOOK'] },
  parse: parseCamt053,
  count: countCamt053,
});
