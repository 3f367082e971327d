import { listUsers } from '../../store/repos/users.ts';
import type { ActionCtx } from '../context.ts';
import type { Executor } from '../deps.ts';
import { findCustomer } from '../../store/repos/customers.ts';
import { customerStatement, statementPdf, type StatementLang } from '../statements/index.ts';
import { customerOfRecipient } from './customer-recipient.ts';
import type { Steps } from '../unit-of-work/index.ts';
import {
  claimUndispatched,
  markDispatched,
  releaseDispatch,
  hasUndispatched,
  type NotificationRow,
} from '../../store/repos/notifications.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
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
 * one message at a time and with no transaction open while the server is talked to: a short step leases the
 * message, the mail goes out, and a second step marks it delivered once its server accepted it, so a failure
 * gives it back to the outbox for the next run (never lost) and one accepted is never sent again. A deliverer
 * that dies mid-send leaves its lease to run out (`leaseSeconds`, default 5 minutes) and the message is sent
 * again. Each message is tried `attempts` times with a doubling pause; the run stops at the first that still fails.
 */
export async function deliverByEmail(
  steps: Steps,
  ctx: ActionCtx,
  mailer: Mailer,
  o: { limit?: number; attempts?: number; backoffMs?: number; leaseSeconds?: number } = {},
): Promise<EmailDelivery> {
  const tenantId = ctx.tenant.id;
  const emails = new Map((await steps((tx) => listUsers(tx, tenantId))).map((u) => [u.id, u.email]));
  const out: EmailDelivery = { sent: 0, failed: 0, reason: null };
  const attempts = o.attempts ?? 3;
  const send = async (n: NotificationRow) => {
    const payload = n.payload as Record<string, unknown>;
    const customerId = customerOfRecipient(n.recipient);
    const message = customerId ? await customerMessage(steps, ctx, customerId, payload) : undefined;
    const to = customerId ? message?.to : emails.get(n.recipient);
    if (!to) return; // a recipient without an address reads it in the app only
    const text = typeof payload.body === 'string' ? payload.body : n.title;
    for (let i = 1; ; i++) {
      try {
        await mailer.send({
          to,
          subject: n.title,
          text,
          ...(message?.attachments ? { attachments: message.attachments } : {}),
        });
        return;
      } catch (e) {
        if (i >= attempts) throw e;
        await pause((o.backoffMs ?? 200) * 2 ** (i - 1));
      }
    }
  };
  for (let i = 0; i < (o.limit ?? 1000); i++) {
    const now = Date.now();
    const [n] = await steps((tx) =>
      claimUndispatched(tx, tenantId, {
        limit: 1,
        now: new Date(now).toISOString(),
        leaseUntil: new Date(now + (o.leaseSeconds ?? 300) * 1000).toISOString(),
      }),
    );
    if (!n) break;
    try {
      await send(n);
    } catch (e) {
      await steps((tx) => releaseDispatch(tx, tenantId, [n.id]));
      out.failed++;
      out.reason = (e as Error).message;
      break;
    }
    await steps((tx) => markDispatched(tx, tenantId, [n.id]));
    out.sent++;
  }
  return out;
}

/** Whether the tenant has a notification waiting to be e-mailed: the outbox round skips a tenant without one. */
export const emailsDue = (tx: Executor, tenantId: string, now: Date) =>
  hasUndispatched(tx, tenantId, now.toISOString());

/**
 * Where a reminder to a customer goes (its billingEmail as of sending) and, when its level asks, its statement of
 * account for the month up to the sweep's date as a PDF in the plan's language.
 */
async function customerMessage(
  steps: Steps,
  ctx: ActionCtx,
  customerId: string,
  payload: Record<string, unknown>,
): Promise<Pick<MailMessage, 'attachments'> & { to: string | undefined }> {
  const asOf = typeof payload.asOf === 'string' ? payload.asOf : undefined;
  const { customer, statement } = await steps(async (tx) => {
    const customer = await findCustomer(tx, ctx.tenant.id, customerId);
    const statement =
      customer?.billingEmail && payload.attachStatement === true
        ? await customerStatement(tx, ctx, customerId, asOf ? { to: asOf } : {})
        : undefined;
    return { customer, statement };
  });
  const to = customer?.billingEmail ?? undefined;
  if (!statement) return { to };
  const lang: StatementLang = payload.language === 'en' ? 'en' : 'zh';
  const printedAt = new Intl.DateTimeFormat('sv-SE', {
    timeZone: ctx.tenant.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date());
  const pdf = await statementPdf(statement, lang, printedAt);
  const code = statement.customer.code.replace(/[^A-Za-z0-9._-]/g, '_');
  return {
    to,
    attachments: [{ filename: `statement-${code}-${statement.to}.pdf`, content: pdf, contentType: 'application/pdf' }],
  };
}
