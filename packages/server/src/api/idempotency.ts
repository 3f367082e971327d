import type { Context } from 'hono';
import type { Db } from '../domain/deps.ts';
import { principalOf, runIdempotent } from '../domain/idempotency/index.ts';
import type { AppEnv } from './env.ts';
import { dbOf } from './context.ts';

/**
 * The POST handlers' door: reads Idempotency-Key, runs the write once, and answers (a replay carries
 * `Idempotency-Replayed: true`).
 * @example return idempotentPost(c, 'POST /receipts', body, (db) => postDocument({ ...deps, db }, ctx, input).then((r) => ({ status: 201, body: view(r) })))
 */
export async function idempotentPost(
  c: Context<AppEnv>,
  route: string,
  request: unknown,
  work: (db: Db) => Promise<{ status: number; body: unknown }>,
): Promise<Response> {
  const result = await runIdempotent(
    dbOf(c),
    {
      tenantId: c.get('tenant').id,
      route,
      principal: principalOf(c.get('actor')),
      key: c.req.header('idempotency-key'),
      request,
    },
    work,
  );
  if (result.replayed) c.header('Idempotency-Replayed', 'true');
  return c.json(result.body as object, result.status as 201);
}
