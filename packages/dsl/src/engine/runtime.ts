import { RuleError } from '../errors.ts';
import type { Limits } from '../limits.ts';
import type { PreparedRecord } from './prepared-record.ts';

/** Named business calendar: weekend days (0 = Sunday), holidays and make-up working days as YYYY-MM-DD. */
export interface CalendarSpec {
  readonly weekend?: readonly number[];
  readonly holidays?: readonly string[];
  readonly workdays?: readonly string[];
}

/** Context passed per evaluation (or engine-wide): calendars and lookup tables. */
export interface EvalContext {
  readonly calendars?: Readonly<Record<string, CalendarSpec>>;
  readonly tables?: Readonly<Record<string, unknown>>;
}

/** Engine-owned caches shared by all evaluations (compiled regexes, calendar day sets). */
export interface EngineCaches {
  readonly regex: Map<string, unknown>;
  readonly calendars: WeakMap<object, unknown>;
}

/** Mutable state of one evaluation. */
export class RuntimeContext {
  steps = 0;
  prep: PreparedRecord | null = null;
  logs: unknown[] | null = null;
  busy = false;

  constructor(
    readonly limits: Readonly<Limits>,
    readonly context: EvalContext,
    readonly caches: EngineCaches,
  ) {}

  /** Count loop iterations; throws when the evaluation exceeds `maxIterations`. */
  tick(at: string, n = 1): void {
    this.steps += n;
    if (this.steps > this.limits.maxIterations) {
      throw new RuleError(
        'limit_iterations',
        at,
        `evaluation stopped after ${this.limits.maxIterations} loop iterations (limit maxIterations)`,
      );
    }
  }

  checkString(s: string, at: string): string {
    if (s.length > this.limits.maxStringLength) {
      throw new RuleError(
        'limit_string',
        at,
        `string of ${s.length} characters exceeds maxStringLength ${this.limits.maxStringLength}`,
      );
    }
    return s;
  }

  checkArray<T>(a: T[], at: string): T[] {
    if (a.length > this.limits.maxArrayLength) {
      throw new RuleError(
        'limit_iterations',
        at,
        `array of ${a.length} elements exceeds maxArrayLength ${this.limits.maxArrayLength}`,
      );
    }
    return a;
  }
}
