import path from 'node:path';
import { describe, it } from 'vitest';
import { checkRow, readSuite, repoRoot, suiteFiles } from './suite-harness.ts';
import { suiteContext } from './suite-context.ts';

const shared = path.resolve(repoRoot, '../shared/jsonlogic/tests.json');

for (const file of [shared, ...suiteFiles()]) {
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
