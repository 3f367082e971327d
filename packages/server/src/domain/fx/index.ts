export { rateToBase, recordFxRates, listFxRates, type FxRateInput, type FxRateView } from './fx.ts';
