import { listUsers } from '../../store/repos/users.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { claimUndispatched, markDispatched, type NotificationRow } from '../../store/repos/notifications.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Where e-mail goes out (an SMTP server in production, a recorder in tests). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close?(): void;
}

export interface EmailDelivery {
  sent: number;
  /** Messages left in the outbox for the next run (the server refused or could not be reached). */
  failed: number;
  /** Why the first failure failed, after its retries. */
  reason: string | null;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends the tenant's undelivered notifications (reminders, flow tasks, alerts) by e-mail to their recipients,
 * one message per transaction: a message is marked delivered only once its server accepted it, so a failure
 * leaves it in the outbox for the next run (never lost) and one accepted is never sent again. Each message is
 * tried `attempts` times with a doubling pause; the run stops at the first message that still fails.
 */
export async function deliverByEmail(
  db: Executor,
  ctx: ActionCtx,
  mailer: Mailer,
  o: { limit?: number; attempts?: number; backoffMs?: number } = {},
): Promise<EmailDelivery> {
  const emails = new Map((await listUsers(db, ctx.tenant.id)).map((u) => [u.id, u.email]));
  const out: EmailDelivery = { sent: 0, failed: 0, reason: null };
  const attempts = o.attempts ?? 3;
  const send = async (n: NotificationRow) => {
    const to = emails.get(n.recipient);
    if (!to) return; // a recipient without an address reads it in the app only
    const payload = n.payload as Record<string, unknown>;
    const text = typeof payload.body === 'string' ? payload.body : n.title;
    for (let i = 1; ; i++) {
      try {
        await mailer.send({ to, subject: n.title, text });
        return;
      } catch (e) {
        if (i >= attempts) throw e;
        await pause((o.backoffMs ?? 200) * 2 ** (i - 1));
      }
    }
  };
  for (let i = 0; i < (o.limit ?? 1000); i++) {
    try {
      const done = await db.transaction(async (tx) => {
        const [n] = await claimUndispatched(tx, ctx.tenant.id, 1);
        if (!n) return false;
        await send(n);
        await markDispatched(tx, ctx.tenant.id, [n.id]);
        return true;
      });
      if (!done) break;
      out.sent++;
    } catch (e) {
      out.failed++;
      out.reason = (e as Error).message;
      break;
    }
  }
  return out;
}
