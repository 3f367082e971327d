/** The closed set of error types the domain raises; the API maps each to an HTTP status once (api/problem.ts). */
export const errorTypes = [
  'invalid_data',
  'not_found',
  'conflict',
  'not_allowed',
  'unauthenticated',
  'unexpected_state',
  'unbalanced_voucher',
  'period_closed',
  'limit_exceeded',
  'idempotency_mismatch',
  'idempotency_in_flight',
  /** A money POST came without the Idempotency-Key it requires (a retry could post twice). */
  'idempotency_key_required',
  /** A connector failed with a bug (not bad input): a server-side failure naming the connector and its version. */
  'connector_failed',
  /** A route answered a body its declared response schema refuses (checked in tests and development): a server bug. */
  'response_invalid',
] as const;
export type ErrorType = (typeof errorTypes)[number];

export interface FieldError {
  /** JSON pointer into the request/record, e.g. `/lines/2/amount`. */
  pointer: string;
  /** Why the value is refused. */
  reason: string;
}

export interface HexiaoErrorOptions {
  pointer?: string;
  errors?: FieldError[];
  /** The record the error is about, e.g. `receivable INV-2026-0001`. */
  record?: string;
  cause?: unknown;
  /** Extension members of the problem document (RFC 9457), e.g. the decision that won over a late click. */
  extra?: Record<string, unknown>;
}

export class HexiaoError extends Error {
  readonly type: ErrorType;
  readonly errors: FieldError[];
  readonly record?: string;
  readonly extra?: Record<string, unknown>;

  constructor(type: ErrorType, message: string, options: HexiaoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HexiaoError';
    this.type = type;
    this.record = options.record;
    this.extra = options.extra;
    this.errors = options.errors ?? (options.pointer ? [{ pointer: options.pointer, reason: message }] : []);
  }
}

export const isHexiaoError = (e: unknown): e is HexiaoError => e instanceof HexiaoError;

export function invalid(pointer: string, reason: string, record?: string): HexiaoError {
  return new HexiaoError('invalid_data', record ? `${record}: ${pointer} ${reason}` : `${pointer} ${reason}`, {
    pointer,
    record,
    errors: [{ pointer, reason }],
  });
}
