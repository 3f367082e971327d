import { Decimal } from 'decimal.js';
import jsonLogic from 'json-logic-js';

/**
 * The receivables ops the benchmark rules use, added to json-logic-js with straightforward
 * decimal.js / Date implementations, so both engines evaluate the same rules with the same semantics.
 */
export function addArOpsToJsonLogic(): void {
  const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
  jsonLogic.add_operation('dec=', ((a: string, b: string) => new Decimal(a).eq(b)) as never);
  jsonLogic.add_operation('dec>', ((a: string, b: string) => new Decimal(a).gt(b)) as never);
  jsonLogic.add_operation('dec>=', ((a: string, b: string) => new Decimal(a).gte(b)) as never);
  jsonLogic.add_operation('dec*', ((a: string, b: string) => new Decimal(a).times(b).toString()) as never);
  jsonLogic.add_operation('dec_round', ((a: string) => new Decimal(a).toFixed(2, Decimal.ROUND_HALF_UP)) as never);
  jsonLogic.add_operation('days_between', ((a: string, b: string) => day(b) - day(a)) as never);
}
