import { describe, expect, it } from 'vitest';
import { datePolicyOf, opensOnFirstUse } from './date-policy.ts';

describe('date policy', () => {
  it('opens any period on first use by default, and only within the window when one is set', () => {
    const open = datePolicyOf({});
    expect(open.postingBeforeDocument).toBe('warn');
    expect(opensOnFirstUse(open, '1900-01', '2026-12-05')).toBe(true);
    const w = datePolicyOf({ ledger: { periods: { openOnFirstUse: { monthsBack: 12, monthsAhead: 1 } } } });
    expect(opensOnFirstUse(w, '2025-12', '2026-12-05')).toBe(true);
    expect(opensOnFirstUse(w, '2025-11', '2026-12-05')).toBe(false);
    expect(opensOnFirstUse(w, '2027-01', '2026-12-05')).toBe(true);
    expect(opensOnFirstUse(w, '2027-02', '2026-12-05')).toBe(false);
    const back = datePolicyOf({ ledger: { periods: { openOnFirstUse: { monthsBack: 0 } } } });
    expect(opensOnFirstUse(back, '2099-12', '2026-12-05')).toBe(true);
    expect(opensOnFirstUse(back, '2026-11', '2026-12-05')).toBe(false);
  });

  it('refuses settings it cannot read', () => {
    expect(() => datePolicyOf({ ledger: { dates: { postingBeforeDocument: 'maybe' } } })).toThrow(/warn/);
    expect(() => datePolicyOf({ ledger: { periods: { openOnFirstUse: { monthsBack: -1 } } } })).toThrow(/month/);
  });
});
