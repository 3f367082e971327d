import { listReminders } from '../../store/repos/reminders.ts';
import type { ActionCtx } from '../context.ts';
import { actorScope } from '../customers/index.ts';
import type { Executor } from '../deps.ts';

export interface SentReminder {
  id: string;
  documentId: string;
  customerId: string | null;
  plan: string;
  level: string;
  asOf: string;
  channel: string;
  recipients: number;
  subject: string;
  createdAt: string;
}

/** Reminders sent, newest first, for the receivables the actor sees. */
export async function listSentReminders(
  db: Executor,
  ctx: ActionCtx,
  f: { customerId?: string; documentId?: string; limit: number },
): Promise<SentReminder[]> {
  const rows = await listReminders(db, ctx.tenant.id, { ...f, scope: actorScope(ctx.actor) });
  return rows.map((r) => ({
    id: r.id,
    documentId: r.documentId,
    customerId: r.customerId,
    plan: `${r.planKey}@${r.planVersion}`,
    level: r.level,
    asOf: r.asOf,
    channel: r.channel,
    recipients: r.recipients,
    subject: r.subject,
    createdAt: r.createdAt,
  }));
}
