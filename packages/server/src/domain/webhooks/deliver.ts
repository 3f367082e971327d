import * as repo from '../../store/repos/webhooks.ts';
import type { ActionCtx } from '../context.ts';
import type { Steps } from '../unit-of-work/index.ts';
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
 * Sends the tenant's webhook deliveries that are due, one at a time and with no transaction open while the
 * endpoint is called: a short step leases the delivery (a concurrent deliverer skips it until the lease ends),
 * the request goes out, and a second step records the attempt and its outcome — unless the lease ran out and
 * another deliverer recorded one meanwhile. A deliverer that dies mid-call leaves the delivery due again once
 * its lease (the timeout plus a minute) ends. A 2xx answer
 * delivers it; anything else (another status, a timeout, no connection) is retried with a doubling pause until
 * the attempts are used up, then it is failed with the last reason — never dropped. Each delivery keeps one id
 * across its attempts (X-Hexiao-Delivery), so a receiver that got one whose answer was lost can tell the retry.
 */
export async function deliverWebhooks(steps: Steps, ctx: ActionCtx, o: WebhookDeliveryOptions): Promise<WebhookRun> {
  const now = o.now ?? new Date();
  const nowIso = now.toISOString();
  const maxAttempts = o.maxAttempts ?? 6;
  const backoff = (o.backoffSeconds ?? 30) * 1000;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const leaseUntil = new Date(now.getTime() + timeoutMs + 60_000).toISOString();
  const run: WebhookRun = { delivered: 0, retrying: 0, failed: 0, firstError: null };
  for (let i = 0; i < (o.limit ?? 500); i++) {
    const claimed = await steps((tx) => repo.claimDueDelivery(tx, ctx.tenant.id, nowIso, leaseUntil));
    if (!claimed) break;
    const { delivery: d } = claimed;
    const attempt = d.attempts + 1;
    const started = performance.now();
    const { statusCode, error, permanent } = await sendOnce(claimed, attempt, now, { ...o, timeoutMs });
    const status = error === null ? 'delivered' : permanent || attempt >= maxAttempts ? 'failed' : 'pending';
    const recorded = await steps((tx) =>
      repo.recordAttempt(
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
        d.attempts,
      ),
    );
    if (!recorded) continue;
    if (status === 'delivered') run.delivered++;
    else {
      if (status === 'failed') run.failed++;
      else run.retrying++;
      run.firstError ??= error;
    }
  }
  return run;
}

/** Whether the tenant has a delivery due by `now`: the outbox round skips a tenant without one. */
export const webhooksDue = (tx: Executor, tenantId: string, now: Date) =>
  repo.hasDueDelivery(tx, tenantId, now.toISOString());

/** One signed POST of a delivery to its endpoint, unless the endpoint is disabled or its address is closed. */
async function sendOnce(
  { delivery: d, endpoint: ep }: NonNullable<Awaited<ReturnType<typeof repo.claimDueDelivery>>>,
  attempt: number,
  now: Date,
  o: WebhookDeliveryOptions & { timeoutMs: number },
): Promise<{ statusCode: number | null; error: string | null; permanent: boolean }> {
  if (ep.status !== 'active') return { statusCode: null, error: 'the endpoint is disabled', permanent: true };
  const refused = o.allowPrivate ? undefined : await closedAddressReason(new URL(ep.url).hostname);
  if (refused) return { statusCode: null, error: refused, permanent: true };
  const body = JSON.stringify(d.payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const { status } = await (o.post ?? fetchPost)(ep.url, {
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
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    const error = status < 200 || status > 299 ? `the endpoint answered ${status}` : null;
    return { statusCode: status, error, permanent: false };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const error =
      err.name === 'TimeoutError'
        ? `no answer within ${o.timeoutMs} ms`
        : `${err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`;
    return { statusCode: null, error, permanent: false };
  }
}
