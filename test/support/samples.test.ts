import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, it } from 'vitest';
import { fixtureFiles, sharedFiles, sharedFolder, sharedOnlySamples } from './samples.ts';
import { describeListed } from './skip.ts';

describeListed('the repository samples are byte-for-byte copies, and the shared-only list is complete', () => {
  it('each folder of ../shared/samples is its copies here plus the files named as shared-only', () => {
    for (const [folder, only] of Object.entries(sharedOnlySamples)) {
      const copies = fixtureFiles(folder).map((f) => basename(f));
      expect(sharedFiles(folder), folder).toEqual([...copies, ...only].sort());
      for (const copy of fixtureFiles(folder))
        expect(readFileSync(copy).equals(readFileSync(join(sharedFolder(folder), basename(copy)))), copy).toBe(true);
    }
  });
});
