import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectParse, fromBuffer } from '@hexiao/plugins/sdk';
import { sample } from '../../../../../test/support/samples.ts';
import camt053 from './index.ts';

describe('camt053 (property)', () => {
  // Non-ASCII text (Ü, Ä) and CRLF/CR line ends must survive any split of the byte stream.
  const files = ['postfinance-camt053-v04-2016.xml', 'fffs-finland-camt053-v02-sample.xml'].map(
    (f) => new Uint8Array(readFileSync(sample('camt053', f))),
  );
  it('yields the same records whatever the chunk boundaries', async () => {
    const whole = await Promise.all(
      files.map((bytes) => collectParse(camt053, fromBuffer('x.xml', bytes, { chunkSize: bytes.byteLength }))),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: files.length - 1 }),
        fc.integer({ min: 1, max: 4096 }),
        async (i, chunkSize) => {
          const parsed = await collectParse(camt053, fromBuffer('x.xml', files[i]!, { chunkSize }));
          expect(parsed.outputs).toEqual(whole[i]!.outputs);
        },
      ),
      { numRuns: 25 },
    );
  });
});
