import { isHexiaoError } from '../errors.ts';

/** PostgreSQL error classes worth another attempt: serialisation, deadlock, lost connection, shutdown. */
const retryableCodes = new Set(['40001', '40P01', '57P01', '57P02', '57P03', '53300', '08000', '08003', '08006']);
const retryableNodeCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
]);

/** A failure another attempt may not meet: never a refusal by the domain (bad input, conflict, not allowed). */
export function isTransient(e: unknown): boolean {
  if (isHexiaoError(e)) return false;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (retryableCodes.has(code) || retryableNodeCodes.has(code));
}
