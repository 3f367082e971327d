export { periodChecklist, type PeriodChecklist, type Blocker } from './checklist.ts';
export { closePeriod, reopenPeriod, type CloseInput } from './close.ts';
export { clearSmallBalances, type SmallBalancesInput, type SmallBalancesResult } from './small-balances.ts';
export { rollForward } from './roll-forward.ts';
export { periodBounds } from './period-bounds.ts';
export { revalue, type RevaluedItem } from './revaluation.ts';
export { runRevaluation, getRevaluation, type RevaluationInput, type RevaluationView } from './revaluation-run.ts';
