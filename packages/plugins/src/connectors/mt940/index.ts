import { defineConnector } from '@hexiao/plugins/sdk';
import { countMt940, mt940ConfigSchema, parseMt940, type Mt940Config } from './parse.ts';

export default defineConnector<Mt940Config>({
  id: 'mt940',
  kind: 'bank-feed',
  version: '1.0.0',
  title: 'SWIFT MT940 customer statement',
  description:
    'MT940 statements (SWIFT blocks or bare tags; Dutch /TAG/ and German ?NN :86: layouts); MT942 interim reports are refused, saying why.',
  accepts: ['*.940', '*.942', '*.sta', '*.swi', '*.mt940', '*.mt942', '*.txt'],
  configSchema: mt940ConfigSchema,
  defaults: { encoding: 'auto' },
  parse: parseMt940,
  count: countMt940,
});
