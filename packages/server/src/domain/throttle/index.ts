export { memoryCounters, databaseCounters, purgeOldWindows, type RateCounters, type WindowCount } from './counters.ts';
