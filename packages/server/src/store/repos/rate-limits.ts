import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { rateLimitWindows } from '../schema/index.ts';

/** Adds `by` hits to a window (0 reads it) and returns its total, atomically across processes. */
export async function addHits(
  db: Executor,
  w: { bucket: string; key: string; windowStart: string },
  by: number,
): Promise<number> {
  const [r] = await db
    .insert(rateLimitWindows)
    .values({ ...w, hits: by })
    .onConflictDoUpdate({
      target: [rateLimitWindows.bucket, rateLimitWindows.key, rateLimitWindows.windowStart],
      set: { hits: sql`${rateLimitWindows.hits} + ${by}` },
    })
    .returning({ hits: rateLimitWindows.hits });
  return r!.hits;
}

export async function readHits(db: Executor, w: { bucket: string; key: string; windowStart: string }): Promise<number> {
  const [r] = await db
    .select({ hits: rateLimitWindows.hits })
    .from(rateLimitWindows)
    .where(
      and(
        eq(rateLimitWindows.bucket, w.bucket),
        eq(rateLimitWindows.key, w.key),
        eq(rateLimitWindows.windowStart, w.windowStart),
      ),
    );
  return r?.hits ?? 0;
}

export async function deleteWindowsBefore(db: Executor, before: string): Promise<number> {
  const r = await db
    .delete(rateLimitWindows)
    .where(lt(rateLimitWindows.windowStart, before))
    .returning({ key: rateLimitWindows.key });
  return r.length;
}
