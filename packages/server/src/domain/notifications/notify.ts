import * as repo from '../../store/repos/notifications.ts';
import type { Executor } from '../deps.ts';
import { newId } from '../ids.ts';
import { queueWebhookEvents } from '../webhooks/index.ts';

/** One message to one user, written by the capability it tells about (flows, matching, reminders). */
export interface NotificationInput {
  recipient: string;
  /** The capability that wrote it: `flows`, `matching`, … */
  source: string;
  /** What happened, e.g. `task.assigned`, `match.alert`. */
  kind: string;
  /** One line a person reads in the app, in English (or in the language of the plan that wrote it). */
  title: string;
  /** The same line in Chinese, when the writer has one: screens in Chinese show it instead. */
  titleZh?: string;
  entityType?: string;
  entityId?: string;
  payload?: Record<string, unknown>;
}

/**
 * Writes notifications into the outbox in the caller's transaction: they exist exactly when what they tell
 * about committed. Users read them in the app; the e-mail dispatcher sends them further, and the tenant's webhook
 * endpoints that take their kind get one event per happening (queued here, in the same transaction).
 */
export async function notify(tx: Executor, tenantId: string, items: readonly NotificationInput[]): Promise<void> {
  await repo.insertNotifications(
    tx,
    items.map((n) => ({
      tenantId,
      id: newId(),
      recipient: n.recipient,
      source: n.source,
      kind: n.kind,
      title: n.title.slice(0, 500),
      entityType: n.entityType ?? null,
      entityId: n.entityId ?? null,
      payload: n.titleZh ? { ...(n.payload ?? {}), titleZh: n.titleZh.slice(0, 500) } : (n.payload ?? {}),
    })),
  );
  await queueWebhookEvents(tx, tenantId, items);
}
