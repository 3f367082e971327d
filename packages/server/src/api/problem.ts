import type { Context } from 'hono';
import { HexiaoError, type ErrorType, type FieldError } from '../domain/errors.ts';

export const statusOf: Record<ErrorType, number> = {
  invalid_data: 422,
  not_found: 404,
  conflict: 409,
  not_allowed: 403,
  unauthenticated: 401,
  unexpected_state: 409,
  unbalanced_voucher: 422,
  period_closed: 422,
  limit_exceeded: 413,
  idempotency_mismatch: 422,
  idempotency_in_flight: 409,
  idempotency_key_required: 428,
  connector_failed: 500,
  response_invalid: 500,
};

const titles: Record<string, string> = {
  invalid_data: 'Invalid data',
  not_found: 'Not found',
  conflict: 'Conflict',
  not_allowed: 'Not allowed',
  unauthenticated: 'Authentication required',
  unexpected_state: 'Unexpected state',
  unbalanced_voucher: 'Unbalanced voucher',
  period_closed: 'Period closed',
  limit_exceeded: 'Limit exceeded',
  idempotency_mismatch: 'Idempotency key reused with a different request',
  idempotency_in_flight: 'Request with this idempotency key still in progress',
  idempotency_key_required: 'Idempotency-Key required',
  connector_failed: 'Connector failed',
  response_invalid: 'Response does not match its schema',
  malformed_request: 'Malformed request',
  rate_limited: 'Too many requests',
  internal: 'Internal error',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  record?: string;
  requestId?: string;
}

export function problem(type: string, status: number, detail: string, errors?: FieldError[], record?: string): Problem {
  return {
    type: `https://hexiao.dev/problems/${type.replace(/_/g, '-')}`,
    title: titles[type] ?? type,
    status,
    detail,
    ...(errors && errors.length ? { errors } : {}),
    ...(record ? { record } : {}),
  };
}

export function problemResponse(c: Context, p: Problem): Response {
  const requestId = c.get('requestId' as never) as string | undefined;
  return c.body(JSON.stringify(requestId ? { ...p, requestId } : p), p.status as 400, {
    'content-type': 'application/problem+json',
  });
}

/** Maps any thrown value to RFC 9457; unexpected errors are logged and never leak stack or SQL. */
export function errorToProblem(err: unknown): Problem {
  if (err instanceof HexiaoError)
    return { ...err.extra, ...problem(err.type, statusOf[err.type], err.message, err.errors, err.record) };
  if (isHttpLike(err))
    return problem(err.status === 413 ? 'limit_exceeded' : 'malformed_request', err.status, err.message);
  return problem('internal', 500, 'The server failed to handle this request; it has been logged with its request id.');
}

function isHttpLike(e: unknown): e is { status: number; message: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { status?: unknown }).status === 'number' &&
    (e as { status: number }).status < 500
  );
}
