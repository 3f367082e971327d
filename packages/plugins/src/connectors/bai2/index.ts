import { defineConnector } from '@hexiao/plugins/sdk';
import { bai2ConfigSchema, countBai2, parseBai2, type Bai2Config } from './parse.ts';

export default defineConnector<Bai2Config>({
  id: 'bai2',
  kind: 'bank-feed',
  version: '1.0.0',
  title: 'BAI2 cash management balance report',
  description: 'BAI Version 2 files: groups, accounts, balances and transaction details with 88 continuations.',
  accepts: ['*.bai', '*.bai2', '*.txt'],
  configSchema: bai2ConfigSchema,
  defaults: { defaultCurrency: 'USD', encoding: 'auto' },
  parse: parseBai2,
  count: countBai2,
});
