export { minorUnits, isCurrency, currencyCodes } from './currencies.ts';
export { Decimal, dec, ZERO, roundingOf, toPlain, type DecimalInput } from './decimal.ts';
export { requireCurrency, parsePositiveAmount, roundMoney, toBase, formatMoney } from './amount.ts';
export {
  amountIntegerDigits,
  amountScale,
  maxAmount,
  maxColumnAmount,
  amountPattern,
  ratePattern,
  isAmountText,
  isRateText,
  amountLimitReason,
  requireWithinLimit,
  withinLimit,
} from './limits.ts';
