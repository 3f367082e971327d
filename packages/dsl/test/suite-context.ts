import { sampleCalendars, type EvalContext } from '../src/index.ts';

/** Context shared by every suite row: lookup tables and calendars the receivables suites use. */
export const suiteContext: EvalContext = {
  calendars: { ...sampleCalendars, PLAIN: {}, FRI_SAT: { weekend: [5, 6], holidays: ['2025-12-25'] } },
  tables: {
    risk_grade: { C001: 'A', C002: 'C', '42': 'B' },
    fx: { EUR: '7.8123', USD: '7.1000' },
  },
};
