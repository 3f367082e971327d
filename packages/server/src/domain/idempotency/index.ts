import { findIdempotencyKey, saveIdempotencyKey, tryLockIdempotencyKey } from '../../store/repos/idempotency.ts';
import { canonicalJson } from '../audit/index.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { sha256 } from '../ids.ts';

export interface IdempotentScope {
  tenantId: string;
  /** The operation: the route pattern (`POST /receivables`) or a use-case's name for callers outside HTTP. */
  route: string;
  /** Who asks: one principal's key never answers another's request (principalOf). */
  principal: string;
  /** The Idempotency-Key header; undefined = no idempotency. */
  key?: string;
  /** What identifies the request: path parameters and body. Hashed and compared on replay. */
  request: unknown;
  ttlHours?: number;
}

export interface IdempotentResult {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** The longest Idempotency-Key (the column's CHECK; OpenAPI documents the same). */
export const idempotencyKeyMaxLength = 255;
const keyPattern = new RegExp(`^[\\x21-\\x7e]{1,${idempotencyKeyMaxLength}}$`);

/** The principal an idempotency key belongs to: the user behind a session or token, else the actor itself. */
export const principalOf = (actor: Pick<Actor, 'type' | 'id' | 'userId'>): string =>
  actor.userId ? `user:${actor.userId}` : `${actor.type}:${actor.id}`;

/**
 * Runs a money write at most once per (tenant, operation, principal, key). The key is claimed in the write's own
 * transaction: a transaction-scoped advisory lock marks it in flight (a concurrent request gets 409),
 * the stored row answers a replay with the same status and body, a different request under the same key
 * gets 422, and the row commits or rolls back with the write (a refused write stores nothing).
 * `work` receives the transaction as its database, so the use-case's own transaction nests inside.
 */
export async function runIdempotent(
  db: Db,
  scope: IdempotentScope,
  work: (db: Db) => Promise<{ status: number; body: unknown }>,
): Promise<IdempotentResult> {
  if (scope.key === undefined) return { ...(await work(db)), replayed: false };
  if (!keyPattern.test(scope.key))
    throw new HexiaoError(
      'invalid_data',
      `Idempotency-Key must be 1-${idempotencyKeyMaxLength} visible ASCII characters`,
      {
        pointer: '/headers/idempotency-key',
      },
    );
  const key = scope.key;
  if (!scope.principal) throw new Error('an idempotent write needs its principal');
  // the operation and the principal share the stored route column: `POST /receivables as user:<id>`
  const route = `${scope.route} as ${scope.principal}`;
  const requestHash = sha256(canonicalJson(scope.request ?? null));
  return db.transaction(async (tx) => {
    if (!(await tryLockIdempotencyKey(tx, scope.tenantId, route, key)))
      throw new HexiaoError(
        'idempotency_in_flight',
        `a request with Idempotency-Key ${key} is still being processed; retry later`,
        { pointer: '/headers/idempotency-key' },
      );
    const existing = await findIdempotencyKey(tx, scope.tenantId, route, key);
    if (existing) {
      if (existing.requestHash !== requestHash)
        throw new HexiaoError(
          'idempotency_mismatch',
          `Idempotency-Key ${key} was used for a different request to ${scope.route}`,
          { pointer: '/headers/idempotency-key' },
        );
      return { status: existing.responseStatus, body: existing.responseBody, replayed: true };
    }
    const result = await work(tx as unknown as Db);
    const body = JSON.parse(JSON.stringify(result.body ?? null)) as unknown;
    await saveIdempotencyKey(tx, {
      tenantId: scope.tenantId,
      route,
      key,
      requestHash,
      responseStatus: result.status,
      responseBody: body,
      ttlHours: scope.ttlHours ?? 24,
    });
    return { status: result.status, body, replayed: false };
  });
}
