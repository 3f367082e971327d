export {
  quoteToBase,
  rateToBase,
  staleRateDays,
  recordFxRates,
  listFxRates,
  fxRateViewSchema,
  fxRateListSchema,
  type QuotedRate,
  type FxRateInput,
  type FxRateView,
} from './fx.ts';
export { storeFxRates, type RateRow, type RateOutcome } from './import-rates.ts';
