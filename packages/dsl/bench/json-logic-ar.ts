import { Decimal } from 'decimal.js';
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';

/**
 * The receivables ops the benchmark rules use, with straightforward decimal.js / Date
 * implementations (what a user of either peer would write), so all engines evaluate the same
 * rules with the same semantics. Both peers get exactly these functions.
 */
const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
const arOps: Record<string, (a: string, b: string) => unknown> = {
  'dec=': (a: string, b: string) => new Decimal(a).eq(b),
  'dec>': (a: string, b: string) => new Decimal(a).gt(b),
  'dec>=': (a: string, b: string) => new Decimal(a).gte(b),
  'dec*': (a: string, b: string) => new Decimal(a).times(b).toString(),
  dec_round: (a: string) => new Decimal(a).toFixed(2, Decimal.ROUND_HALF_UP),
  days_between: (a: string, b: string) => day(b) - day(a),
};

export function addArOpsToJsonLogic(): void {
  for (const [name, fn] of Object.entries(arOps)) jsonLogic.add_operation(name, fn as (...args: never[]) => unknown);
}

/**
 * json-logic-engine with the same receivables ops, for its compiled mode (`build()`).
 * Run it only on the benchmark's own rules: it resolves operator names through
 * Object.prototype and a hostile rule can crash the process (see STACK.md).
 */
export function jsonLogicEngineWithArOps(): LogicEngine {
  const engine = new LogicEngine();
  for (const [name, fn] of Object.entries(arOps)) {
    engine.addMethod(name, (args: string[]) => fn(args[0]!, args[1]!), { deterministic: true });
  }
  return engine;
}
