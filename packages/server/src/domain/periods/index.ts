export { requireOpenPeriod, listPeriods, setPeriodStatus, periodOfDate, type PeriodView } from './periods.ts';
