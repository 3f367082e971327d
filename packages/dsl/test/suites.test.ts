import path from 'node:path';
import { describe, it } from 'vitest';
import { checkRow, dslRoot, readSuite, suiteFiles } from './suite-harness.ts';
import { suiteContext } from './suite-context.ts';

for (const file of [path.join(dslRoot, 'suites/json-logic-js/tests.json'), ...suiteFiles()]) {
  describe(path.relative(path.join(dslRoot, 'suites'), file), () => {
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
