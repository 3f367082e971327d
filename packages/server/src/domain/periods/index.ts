export { requireOpenPeriod, listPeriods, setPeriodStatus, periodOfDate, type PeriodView } from './periods.ts';
export { segregationPolicy, refuseReversalByPoster, type SegregationPolicy } from './segregation-policy.ts';
