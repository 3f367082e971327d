export {
  periodViewSchema,
  periodListSchema,
  requireOpenPeriod,
  listPeriods,
  setPeriodStatus,
  openPeriod,
  periodOfDate,
  type PeriodView,
  type PeriodStatusOptions,
} from './periods.ts';
export { segregationPolicy, refuseReversalByPoster, type SegregationPolicy } from './segregation-policy.ts';
export { datePolicy, datePolicyOf, opensOnFirstUse, type DatePolicy } from './date-policy.ts';
