import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { checkRow, readSuite, repoRoot, suiteFiles } from './suite-harness.ts';
import { suiteContext } from './suite-context.ts';

const shared = path.resolve(repoRoot, '../shared/jsonlogic/tests.json');

if (!existsSync(shared))
  describe.skip(`${path.basename(shared)} (../shared/jsonlogic is not beside the repository)`, () => {});

for (const file of [...(existsSync(shared) ? [shared] : []), ...suiteFiles()]) {
  describe(path.basename(file), () => {
    for (const section of readSuite(file)) {
      it(section.title, () => {
        for (const row of section.rows) {
          try {
            checkRow(row, suiteContext);
          } catch (e) {
            throw new Error(`row ${JSON.stringify(row)}: ${(e as Error).message}`);
          }
        }
      });
    }
  });
}
