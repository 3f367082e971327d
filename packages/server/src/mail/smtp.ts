import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from '../domain/reminders/index.ts';

/** A mailer over a real SMTP server named by URL (nodemailer): one connection per message, short timeouts. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url, {
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  } as never);
  return {
    async send(m: MailMessage) {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        ...(m.attachments ? { attachments: m.attachments } : {}),
      });
    },
    close: () => transport.close(),
  };
}
