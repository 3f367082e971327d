import * as repo from '../../store/repos/webhooks.ts';
import type { Executor } from '../deps.ts';
import { newId } from '../ids.ts';

/** One event as webhooks carry it: what happened (a notification's kind), and about what. */
export interface WebhookEvent {
  source: string;
  kind: string;
  title: string;
  entityType?: string;
  entityId?: string;
  payload?: Record<string, unknown>;
}

/**
 * Whether an endpoint's pattern takes an event: `*`, the source (`reminders`), the kind (`promise.broken`) or a
 * kind prefix (`reminder.*`).
 */
export function eventMatches(pattern: string, e: Pick<WebhookEvent, 'source' | 'kind'>): boolean {
  if (pattern === '*' || pattern === e.source || pattern === e.kind) return true;
  return pattern.endsWith('.*') && e.kind.startsWith(pattern.slice(0, -1));
}

/**
 * Queues the events for every active endpoint that takes them, in the caller's transaction: the deliveries exist
 * exactly when what they tell about committed. The same happening told to several people is one event.
 */
export async function queueWebhookEvents(tx: Executor, tenantId: string, events: readonly WebhookEvent[]) {
  if (!events.length) return;
  const endpoints = await repo.listEndpoints(tx, tenantId, { active: true });
  if (!endpoints.length) return;
  const unique = new Map<string, WebhookEvent>();
  for (const e of events) unique.set(JSON.stringify([e.source, e.kind, e.entityType, e.entityId, e.title]), e);
  const at = new Date().toISOString();
  const rows: repo.DeliveryInsert[] = [];
  for (const e of unique.values()) {
    const eventId = newId();
    const body = {
      id: eventId,
      event: e.kind,
      source: e.source,
      title: e.title,
      entity: e.entityType ? { type: e.entityType, id: e.entityId ?? null } : null,
      data: e.payload ?? {},
      createdAt: at,
    };
    for (const ep of endpoints)
      if (ep.events.some((p) => eventMatches(p, e)))
        rows.push({ tenantId, id: newId(), endpointId: ep.id, eventId, event: e.kind, payload: body });
  }
  await repo.insertDeliveries(tx, rows);
}
