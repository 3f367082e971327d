/** Codes a rule can fail with. Evaluation never throws anything but a {@link RuleError}. */
export type RuleErrorCode =
  | 'malformed'
  | 'unknown_op'
  | 'arity'
  | 'type'
  | 'not_finite'
  | 'invalid_argument'
  | 'limit_depth'
  | 'limit_nodes'
  | 'limit_string'
  | 'limit_iterations'
  | 'unknown_calendar'
  | 'unknown_table'
  | 'invalid_regex'
  | 'internal';

const brand = Symbol.for('hexiao:rule-error');

/** The only error evaluation throws: a code, the JSON pointer of the failing node and a message. */
export class RuleError extends Error {
  readonly code: RuleErrorCode;
  readonly pointer: string;
  readonly [brand] = true;

  constructor(code: RuleErrorCode, pointer: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuleError';
    this.code = code;
    this.pointer = pointer;
  }

  toJSON(): { code: RuleErrorCode; pointer: string; message: string } {
    return { code: this.code, pointer: this.pointer, message: this.message };
  }
}

/** Brand check that also works across bundled copies of this package. */
export function isRuleError(x: unknown): x is RuleError {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[brand] === true;
}

/** Turn anything thrown during evaluation into a RuleError (stack overflow, host errors). */
export function toRuleError(e: unknown, pointer = ''): RuleError {
  if (isRuleError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /call stack/i.test(message)) {
    return new RuleError('limit_depth', pointer, 'evaluation nested too deeply', { cause: e });
  }
  if (e instanceof TypeError)
    return new RuleError('type', pointer, `value of the wrong type: ${message}`, { cause: e });
  return new RuleError('internal', pointer, `evaluation failed: ${message}`, { cause: e });
}
