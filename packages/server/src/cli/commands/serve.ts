import { serve } from '@hono/node-server';
import type { Command } from '../command.ts';
import { openRuntime } from '../runtime.ts';
import { startJobs } from '../jobs.ts';
import { databaseCounters, memoryCounters } from '../../domain/throttle/index.ts';
import { announceUrl } from '../lock.ts';
import { publishHandoff } from '../handoff.ts';
import { newHandoffSecret } from '../../domain/identity/index.ts';
import { createApp } from '../../api/app.ts';
import { seedDemo, demoPassword, demoTenant, demoUsers } from '../../demo/seed-demo.ts';
import { designerSite } from '../../api/designer-site.ts';
import { loadPlugins } from '../../plugins/loader.ts';
import { scheduleDeliveries, scheduleReminders } from '../../domain/reminders/index.ts';
import { smtpMailer } from '../../mail/smtp.ts';
import { scheduleAnchors } from '../../domain/audit/index.ts';
import { scheduleFlowTimers } from '../../domain/flows/index.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Start the HTTP server (API, OpenAPI, designer pages); --demo loads the demo tenant on first start',
  usage: 'hexiao serve [--port 3000] [--host 127.0.0.1] [--demo] [--json]',
  options: { port: { type: 'string' }, host: { type: 'string' }, demo: { type: 'boolean' } },
  async run(args, out) {
    const port = args.values.port !== undefined ? Number(args.values.port) : undefined;
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
      throw new Error(`--port ${String(args.values.port)} is not a port number`);
    const rt = await openRuntime('serve', {
      ...(port !== undefined ? { port } : {}),
      ...(args.values.host ? { host: String(args.values.host) } : {}),
    });
    if (args.values.demo) {
      out.info('checking the demo tenant (the first start loads it: about half a minute)…');
      const seeded = await seedDemo(rt.deps);
      if (seeded.created)
        out.info(
          `loaded the demo tenant: ${seeded.users} users, ${seeded.customers} customers, ${seeded.documents} ledger documents, ${seeded.settlements} settlements`,
        );
    }
    const plugins = await loadPlugins({ folder: rt.config.pluginsDir, packages: rt.config.pluginPackages });
    for (const p of plugins.problems) rt.logger.warn({ plugin: p.name, reason: p.reason }, 'plugin not loaded');
    const jobs = await startJobs(rt, { work: rt.config.jobWorkers, plugins });
    // embedded: `hexiao import|match|remind` run beside it hand their work to this server (cli/handoff.ts)
    const handoffSecret = rt.lock ? newHandoffSecret() : undefined;
    const { app } = createApp(
      {
        database: rt.database,
        config: rt.config,
        logger: rt.logger,
        kinds: rt.deps.kinds,
        plugins,
        jobs,
        // servers sharing one PostgreSQL share their rate limits; the embedded database has one process
        counters: rt.database.kind === 'postgres' ? databaseCounters(rt.database.db) : memoryCounters(),
        ...(handoffSecret ? { handoffSecret } : {}),
      },
      { staticSite: designerSite() },
    );
    const server = serve({ fetch: app.fetch, port: rt.config.port, hostname: rt.config.host });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', () => resolve());
      server.once('error', reject);
    });
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : rt.config.port;
    const url = `http://${rt.config.host === '0.0.0.0' ? '127.0.0.1' : rt.config.host}:${actualPort}`;
    if (rt.lock) announceUrl(rt.config.dataDir, rt.lock.info, url);
    const withdrawHandoff = handoffSecret ? publishHandoff(rt.config.dataDir, handoffSecret) : () => {};
    const info = {
      url,
      openapi: `${url}/api/openapi.json`,
      docs: `${url}/api/docs`,
      database: rt.database.kind === 'pglite' ? { kind: 'pglite', dataDir: rt.config.dataDir } : { kind: 'postgres' },
      ...(args.values.demo
        ? { demoLogin: { tenant: demoTenant.slug, email: demoUsers[0]!.email, password: demoPassword } }
        : {}),
    };
    out.result(info, (i) =>
      [
        `hexiao is serving at ${i.url}`,
        `  API reference ${i.docs}   OpenAPI ${i.openapi}`,
        `  database: ${i.database.kind}${i.database.dataDir ? ` in ${i.database.dataDir}` : ''}`,
        ...(i.demoLogin
          ? [
              `  demo login: tenant "${i.demoLogin.tenant}", ${i.demoLogin.email} / ${i.demoLogin.password}  (other users: README)`,
              `  try: curl -s -c /tmp/hx -H 'content-type: application/json' -d '{"email":"${i.demoLogin.email}","password":"${i.demoLogin.password}"}' ${i.url}/api/v1/auth/login && curl -s -b /tmp/hx ${i.url}/api/v1/customers?limit=3`,
            ]
          : []),
        '  stop with Ctrl-C',
      ].join('\n'),
    );
    // the daily reminder sweep: every tenant with a published plan, idempotent, so an hourly round sends on the day
    const stopReminders = rt.config.remindEveryMinutes
      ? scheduleReminders(rt.database.db, rt.config.remindEveryMinutes, (rounds) => {
          for (const r of rounds)
            if (r.report?.sent || r.error)
              rt.logger.info({ tenant: r.tenant, sent: r.report?.sent, error: r.error }, 'reminder sweep');
        })
      : () => {};
    // the outbox: due webhook deliveries, and e-mail when an SMTP server is configured
    const smtpUrl = rt.config.smtpUrl;
    const stopDeliveries = rt.config.deliverEverySeconds
      ? scheduleDeliveries(
          rt.database.db,
          rt.config.deliverEverySeconds,
          {
            allowPrivate: rt.config.webhookAllowPrivate,
            ...(smtpUrl ? { mailer: () => smtpMailer(smtpUrl, rt.config.mailFrom) } : {}),
          },
          (rounds) => {
            for (const r of rounds)
              if (r.error || r.webhooks?.failed || r.webhooks?.retrying || r.email?.failed)
                rt.logger.warn(
                  { tenant: r.tenant, error: r.error, webhooks: r.webhooks, email: r.email },
                  'outbox delivery',
                );
          },
        )
      : () => {};
    // approvals: the reminders and escalations their flows set on each task, fired once each when due
    const stopFlowTimers = rt.config.flowTimersEveryMinutes
      ? scheduleFlowTimers(rt.deps, rt.config.flowTimersEveryMinutes, (rounds) => {
          for (const r of rounds)
            if (r.error || r.run?.fired.length || r.run?.failed.length)
              rt.logger[r.error || r.run?.failed.length ? 'warn' : 'info'](
                { tenant: r.tenant, fired: r.run?.fired.length, failed: r.run?.failed, error: r.error },
                'approval timers',
              );
        })
      : () => {};
    const stopAnchors = rt.config.auditAnchorEveryMinutes
      ? scheduleAnchors(
          rt.database.db,
          rt.config.auditKey,
          rt.config.auditAnchorFile,
          rt.config.auditAnchorEveryMinutes,
          (rounds) => {
            if (rounds instanceof Error)
              rt.logger.warn({ err: rounds.message, file: rt.config.auditAnchorFile }, 'audit anchors not written');
            else
              for (const r of rounds)
                if (r.refused) rt.logger.warn({ tenant: r.tenantId, reason: r.refused }, 'audit head not anchored');
          },
        )
      : () => {};
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        withdrawHandoff();
        stopReminders();
        stopFlowTimers();
        stopDeliveries();
        stopAnchors();
        rt.logger.info({ signal }, 'shutting down');
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        setTimeout(() => resolve(), 5000).unref();
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    // running jobs get a grace period to finish; what is still running goes back to the queue (or, embedded, is
    // taken up again at the next start)
    await jobs.stop(rt.config.jobHeartbeatSeconds * 1000);
    await rt.close();
    return 0;
  },
};
