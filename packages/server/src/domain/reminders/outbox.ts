import { allTenantIds } from '../../store/repos/reminders.ts';
import { findTenantById } from '../../store/repos/tenants.ts';
import { systemActor } from '../context.ts';
import type { Db, Executor } from '../deps.ts';
import { tenantSteps } from '../unit-of-work/index.ts';
import { deliverWebhooks, webhooksDue, type WebhookRun } from '../webhooks/index.ts';
import { deliverByEmail, emailsDue, type EmailDelivery, type Mailer } from './deliver-email.ts';
import { everyRound } from '../every.ts';

export interface TenantDelivery {
  tenant: string;
  webhooks?: WebhookRun;
  email?: EmailDelivery;
  error?: string;
}

/**
 * One round of the outbox for every tenant: the due webhook deliveries and, when a mailer is given, the
 * undelivered notifications by e-mail, each in short transactions of the tenant with none open while a
 * receiver is called. A tenant that fails does not stop the others.
 */
export async function deliverAllTenants(
  db: Db & Executor,
  o: { allowPrivate: boolean; mailer?: () => Mailer; /** Only these tenants (a targeted round). */ tenants?: string[] },
): Promise<TenantDelivery[]> {
  const out: TenantDelivery[] = [];
  const only = o.tenants && new Set(o.tenants);
  for (const id of await allTenantIds(db)) {
    if (only && !only.has(id)) continue;
    try {
      const steps = tenantSteps(db, id);
      const now = new Date();
      // one short probe per tenant: most tenants of a round have nothing to send
      const probe = await steps(async (tx) => ({
        tenant: await findTenantById(tx, id),
        hooks: await webhooksDue(tx, id, now),
        mail: o.mailer ? await emailsDue(tx, id, now) : false,
      }));
      if (!probe.tenant) continue;
      const ctx = { tenant: probe.tenant, actor: systemActor('outbox') };
      const webhooks = probe.hooks
        ? await deliverWebhooks(steps, ctx, { allowPrivate: o.allowPrivate, now })
        : { delivered: 0, retrying: 0, failed: 0, firstError: null };
      let r: Omit<TenantDelivery, 'tenant'> = { webhooks };
      if (o.mailer) {
        if (!probe.mail) r = { webhooks, email: { sent: 0, failed: 0, reason: null } };
        else {
          const mailer = o.mailer();
          try {
            r = { webhooks, email: await deliverByEmail(steps, ctx, mailer) };
          } finally {
            mailer.close?.();
          }
        }
      }
      out.push({ tenant: id, ...r });
    } catch (e) {
      out.push({ tenant: id, error: (e as Error).message });
    }
  }
  return out;
}

/** Runs `deliverAllTenants` every `seconds` (never two rounds at once); returns the function that stops it. */
export function scheduleDeliveries(
  db: Db & Executor,
  seconds: number,
  o: { allowPrivate: boolean; mailer?: () => Mailer },
  log: (rounds: TenantDelivery[]) => void,
): () => void {
  return everyRound(seconds * 1000, async () => log(await deliverAllTenants(db, o)));
}
