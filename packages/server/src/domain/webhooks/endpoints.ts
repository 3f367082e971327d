import { randomBytes } from 'node:crypto';
import * as repo from '../../store/repos/webhooks.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps, Executor } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { isClosedLiteral } from './address.ts';

export interface EndpointInput {
  url: string;
  /** `*`, sources (`reminders`, `collections`, `flows`, `matching`), kinds (`promise.broken`) or `reminder.*`. */
  events: string[];
  description?: string;
}

/** An endpoint as the API shows it: never its secret. */
export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  status: 'active' | 'disabled';
  createdBy: string | null;
  createdAt: string;
  disabledAt: string | null;
}

const view = (r: repo.EndpointRow): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  events: r.events,
  description: r.description,
  status: r.status,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  disabledAt: r.disabledAt,
});

function checkUrl(text: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('/url', 'must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('/url', 'must be http:// or https://');
  if (url.username || url.password) throw invalid('/url', 'must not carry credentials (the signature authenticates)');
  if (url.hash) throw invalid('/url', 'must not have a #fragment');
  if (!allowPrivate && isClosedLiteral(url.hostname))
    throw invalid('/url', `${url.hostname} is a loopback, private or link-local address`);
  return url;
}

/**
 * Registers an endpoint for the tenant's events. Its signing secret is returned this once: every delivery
 * carries `X-Hexiao-Signature: sha256=HMAC(secret, "<timestamp>.<body>")` and `X-Hexiao-Timestamp`.
 */
export async function createEndpoint(
  deps: DomainDeps,
  ctx: ActionCtx,
  input: EndpointInput,
  o: { allowPrivate: boolean },
): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
  const url = checkUrl(input.url, o.allowPrivate);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertEndpoint(tx, {
      tenantId: ctx.tenant.id,
      id: newId(),
      url: url.toString(),
      secret,
      events: [...new Set(input.events)],
      description: input.description ?? null,
      createdBy: ctx.actor.name,
    });
    const endpoint = view(row);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'webhook.create',
      entityType: 'webhook',
      entityId: row.id,
      after: endpoint,
    });
    return { endpoint, secret };
  });
}

export async function listEndpoints(db: Executor, ctx: ActionCtx): Promise<WebhookEndpoint[]> {
  return (await repo.listEndpoints(db, ctx.tenant.id)).map(view);
}

/** Stops deliveries to an endpoint (its pending ones fail at their next attempt); it stays in the log. */
export async function disableEndpoint(deps: DomainDeps, ctx: ActionCtx, id: string): Promise<WebhookEndpoint> {
  return deps.db.transaction(async (tx) => {
    const [before] = await repo.listEndpoints(tx, ctx.tenant.id, { id });
    if (!before) throw new HexiaoError('not_found', `webhook ${id} does not exist`);
    const row = await repo.disableEndpoint(tx, ctx.tenant.id, id);
    if (!row) throw new HexiaoError('conflict', `webhook ${id} is disabled already`, { pointer: '/path/id' });
    const after = view(row);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'webhook.disable',
      entityType: 'webhook',
      entityId: id,
      before: view(before),
      after,
    });
    return after;
  });
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  event: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: { attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[];
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  payload: unknown;
}

/** The delivery log of an endpoint, newest first, each delivery with every attempt. */
export async function listDeliveries(
  db: Executor,
  ctx: ActionCtx,
  endpointId: string,
  f: { status?: string; limit: number },
): Promise<WebhookDeliveryView[]> {
  const [ep] = await repo.listEndpoints(db, ctx.tenant.id, { id: endpointId });
  if (!ep) throw new HexiaoError('not_found', `webhook ${endpointId} does not exist`);
  return (await repo.listDeliveries(db, ctx.tenant.id, { endpointId, ...f })).map(({ delivery: d, attempts }) => ({
    id: d.id,
    eventId: d.eventId,
    event: d.event,
    status: d.status,
    attempts: attempts.map((a) => ({
      attempt: a.attempt,
      at: a.at,
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    })),
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt,
    createdAt: d.createdAt,
    payload: d.payload,
  }));
}
