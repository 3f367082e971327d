import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { savepointSteps } from '../../domain/unit-of-work/index.ts';
import { intQuery } from '../params.ts';
import * as reminders from '../../domain/reminders/index.ts';
import { HexiaoError } from '../../domain/errors.ts';
import { smtpMailer } from '../../mail/smtp.ts';

/** Reminders (dunning): the sweep that sends what is due, and what was sent. */
export function reminderRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/reminders/sweep',
        access: 'receivable.write',
        dataScope: 'unscoped-only',
        summary:
          'Run the reminder sweep now (as the daily run does): sends each due (receivable, level) of the published reminder plan once; with email, then e-mails what is undelivered',
        tags: ['reminders'],
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            asOf: { type: 'string', maxLength: 10 },
            plan: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' },
            email: { type: 'boolean', description: 'then e-mail the undelivered notifications (HEXIAO_SMTP_URL)' },
          },
        },
        response: { status: 200 },
      },
      async (c, { body }) => {
        const { email, ...input } = body;
        const url = c.get('deps').config.smtpUrl;
        if (email && !url)
          throw new HexiaoError('invalid_data', 'no SMTP server is configured (HEXIAO_SMTP_URL)', {
            pointer: '/email',
          });
        const report = await reminders.runReminderSweep(dbOf(c), actionCtx(c), input);
        if (!email) return json(c, 200, report);
        const mailer = smtpMailer(url!, c.get('deps').config.mailFrom);
        try {
          return json(c, 200, {
            ...report,
            email: await reminders.deliverByEmail(savepointSteps(dbOf(c)), actionCtx(c), mailer),
          });
        } finally {
          mailer.close?.();
        }
      },
    )
    .add(
      {
        method: 'get',
        path: '/reminders',
        access: 'receivable.read',
        dataScope: 'customer',
        summary: 'Reminders sent, newest first (?customerId, ?documentId, ?limit)',
        tags: ['reminders'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            customerId: { type: 'string', format: 'uuid' },
            documentId: { type: 'string', format: 'uuid' },
            limit: { type: 'string', pattern: '^[0-9]{1,4}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(c, 200, {
          items: await reminders.listSentReminders(dbOf(c), actionCtx(c), {
            ...(query.customerId ? { customerId: query.customerId.toLowerCase() } : {}),
            ...(query.documentId ? { documentId: query.documentId.toLowerCase() } : {}),
            limit: intQuery(query.limit, 'limit', 100, 1000),
          }),
        }),
    );
}
