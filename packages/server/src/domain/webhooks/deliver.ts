import * as repo from '../../store/repos/webhooks.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { closedAddressReason } from './address.ts';
import { webhookSignature } from './sign.ts';

/** How a delivery goes out: fetch in production, anything that answers a status in tests. */
export type WebhookPost = (
  url: string,
  init: { headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number }>;

// redirects are not followed: a 3xx is a failed attempt, never a way to another (internal) address
const fetchPost: WebhookPost = async (url, init) => {
  const res = await fetch(url, { method: 'POST', redirect: 'manual', ...init });
  await res.body?.cancel();
  return { status: res.status };
};

export interface WebhookDeliveryOptions {
  /** Deliver to loopback and private addresses (tests, an intranet receiver): HEXIAO_WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  now?: Date;
  limit?: number;
  /** A delivery that failed this many times is failed for good (default 6). */
  maxAttempts?: number;
  /** The pause after the first failure, doubled after each further one (default 30 s: 30 s, 1, 2, 4, 8 min). */
  backoffSeconds?: number;
  timeoutMs?: number;
  post?: WebhookPost;
}

export interface WebhookRun {
  delivered: number;
  /** Failed this time, to be tried again after the backoff. */
  retrying: number;
  /** Failed for good (attempts used up, endpoint disabled, or an address it may not reach). */
  failed: number;
  firstError: string | null;
}

/**
 * Sends the tenant's webhook deliveries that are due, one per transaction: the attempt and its outcome are
 * recorded with the delivery, which is locked meanwhile so a concurrent deliverer skips it. A 2xx answer
 * delivers it; anything else (another status, a timeout, no connection) is retried with a doubling pause until
 * the attempts are used up, then it is failed with the last reason — never dropped. Each delivery keeps one id
 * across its attempts (X-Hexiao-Delivery), so a receiver that got one whose answer was lost can tell the retry.
 */
export async function deliverWebhooks(
  db: Executor & { transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> },
  ctx: ActionCtx,
  o: WebhookDeliveryOptions,
): Promise<WebhookRun> {
  const now = o.now ?? new Date();
  const nowIso = now.toISOString();
  const post = o.post ?? fetchPost;
  const maxAttempts = o.maxAttempts ?? 6;
  const backoff = (o.backoffSeconds ?? 30) * 1000;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const run: WebhookRun = { delivered: 0, retrying: 0, failed: 0, firstError: null };
  for (let i = 0; i < (o.limit ?? 500); i++) {
    const outcome = await db.transaction(async (tx) => {
      const claimed = await repo.claimDueDelivery(tx, ctx.tenant.id, nowIso);
      if (!claimed) return undefined;
      const { delivery: d, endpoint: ep } = claimed;
      const attempt = d.attempts + 1;
      const started = performance.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      let permanent = false;
      const refused =
        ep.status !== 'active'
          ? 'the endpoint is disabled'
          : o.allowPrivate
            ? undefined
            : await closedAddressReason(new URL(ep.url).hostname);
      if (refused) {
        error = refused;
        permanent = true;
      } else {
        const body = JSON.stringify(d.payload);
        const timestamp = Math.floor(now.getTime() / 1000);
        try {
          statusCode = (
            await post(ep.url, {
              headers: {
                'content-type': 'application/json',
                'user-agent': 'hexiao-webhooks',
                'x-hexiao-event': d.event,
                'x-hexiao-event-id': d.eventId,
                'x-hexiao-delivery': d.id,
                'x-hexiao-attempt': String(attempt),
                'x-hexiao-timestamp': String(timestamp),
                'x-hexiao-signature': webhookSignature(ep.secret, timestamp, body),
              },
              body,
              signal: AbortSignal.timeout(timeoutMs),
            })
          ).status;
          if (statusCode < 200 || statusCode > 299) error = `the endpoint answered ${statusCode}`;
        } catch (e) {
          const err = e as Error & { cause?: { code?: string } };
          error =
            err.name === 'TimeoutError'
              ? `no answer within ${timeoutMs} ms`
              : `${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`;
        }
      }
      const status = error === null ? 'delivered' : permanent || attempt >= maxAttempts ? 'failed' : 'pending';
      await repo.recordAttempt(
        tx,
        {
          tenantId: ctx.tenant.id,
          deliveryId: d.id,
          attempt,
          statusCode,
          error: error?.slice(0, 1000) ?? null,
          durationMs: Math.round(performance.now() - started),
        },
        {
          status,
          lastStatus: statusCode,
          lastError: error?.slice(0, 1000) ?? null,
          ...(status === 'pending'
            ? { nextAttemptAt: new Date(now.getTime() + backoff * 2 ** (attempt - 1)).toISOString() }
            : {}),
          ...(status === 'delivered' ? { deliveredAt: nowIso } : {}),
        },
      );
      return { status, error };
    });
    if (!outcome) break;
    if (outcome.status === 'delivered') run.delivered++;
    else {
      if (outcome.status === 'failed') run.failed++;
      else run.retrying++;
      run.firstError ??= outcome.error;
    }
  }
  return run;
}
