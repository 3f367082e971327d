import * as repo from '../../store/repos/notifications.ts';
import type { NotificationRow } from '../../store/repos/notifications.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';

export interface NotificationView {
  id: string;
  source: string;
  kind: string;
  /** As written (English, or the reminder plan's language); `titles` has it per screen language. */
  title: string;
  titles: { en: string; zh: string };
  entity: { type: string; id: string } | null;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

export const notificationView = (r: NotificationRow): NotificationView => ({
  id: r.id,
  source: r.source,
  kind: r.kind,
  title: r.title,
  titles: {
    en: r.title,
    zh:
      typeof (r.payload as { titleZh?: unknown }).titleZh === 'string'
        ? (r.payload as { titleZh: string }).titleZh
        : r.title,
  },
  entity: r.entityType && r.entityId ? { type: r.entityType, id: r.entityId } : null,
  payload: r.payload as Record<string, unknown>,
  createdAt: iso(r.createdAt)!,
  readAt: iso(r.readAt),
});

/** Notifications are addressed to users; a token acts for its user, a system actor has none. */
export function recipientOf(ctx: ActionCtx): string {
  const id = ctx.actor.userId;
  if (!id) throw new HexiaoError('not_allowed', 'notifications belong to users; this actor is not one');
  return id;
}

export interface NotificationQuery {
  unread?: boolean;
  source?: string;
  before?: string;
  limit: number;
}

/** The actor's notifications, newest first, with how many are unread. */
export async function listNotifications(db: Executor, ctx: ActionCtx, q: NotificationQuery) {
  const recipient = recipientOf(ctx);
  const rows = await repo.listNotifications(db, ctx.tenant.id, { recipient, ...q });
  return { items: rows.map(notificationView), unread: await repo.countUnread(db, ctx.tenant.id, recipient) };
}

/** Marks the actor's notifications read (the given ones, or all); others' are untouched. */
export async function markNotificationsRead(db: Executor, ctx: ActionCtx, ids?: string[]): Promise<{ marked: number }> {
  return { marked: await repo.markRead(db, ctx.tenant.id, recipientOf(ctx), ids) };
}
