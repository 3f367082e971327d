import type { EvalContext } from '../src/index.ts';

/** Context shared by every suite row: lookup tables and calendars the receivables suites use. */
export const suiteContext: EvalContext = {
  tables: {
    risk_grade: { C001: 'A', C002: 'C' },
    fx: { EUR: '7.8123', USD: '7.1000' },
  },
};
