import { streamSSE } from 'hono/streaming';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { intQuery, uuidParam } from '../params.ts';
import { finishedStates, listScheduleViews, saveSchedule, type JobView } from '../../domain/jobs/index.ts';
import { withTenant } from '../../domain/unit-of-work/index.ts';
import { HexiaoError } from '../../domain/errors.ts';

const jobsOf = (c: Context<AppEnv>) => c.get('deps').jobs;

/** Longest a progress stream stays open; the browser's EventSource reconnects after it. */
const streamLimitMs = 30 * 60_000;

/** Jobs (imports, matching runs, sweeps, housekeeping) and the schedules that start them. */
export function jobRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'get',
        path: '/jobs',
        access: 'authenticated',
        summary:
          "Jobs, newest first: the actor's own (administrators and auditors see every job of the tenant); ?mine=true, ?state=queued,running, ?kind, ?before, ?limit",
        tags: ['jobs'],
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            mine: { enum: ['true', 'false'] },
            state: {
              type: 'string',
              pattern:
                '^(queued|running|succeeded|failed|cancelled)(,(queued|running|succeeded|failed|cancelled)){0,4}$',
            },
            kind: { type: 'string', pattern: '^[a-z][a-z0-9.-]{0,63}$' },
            before: { type: 'string', format: 'date-time' },
            limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) => {
        const jobs: JobView[] = await jobsOf(c).list(dbOf(c), c.get('tenant').id, c.get('actor'), {
          mine: query.mine === 'true',
          states: query.state?.split(','),
          kind: query.kind,
          before: query.before,
          limit: intQuery(query.limit, 'limit', 50, 200),
        });
        return json(c, 200, { jobs });
      },
    )
    .add(
      {
        method: 'get',
        path: '/jobs/:id',
        access: 'authenticated',
        summary: 'One job: state, progress (done of total, percent, phase, ETA), attempts, result or error',
        tags: ['jobs'],
        response: { status: 200 },
      },
      async (c) => {
        const job: JobView = await jobsOf(c).get(
          dbOf(c),
          c.get('tenant').id,
          uuidParam(c.req.param('id'), 'job'),
          c.get('actor'),
        );
        return json(c, 200, job);
      },
    )
    .add(
      {
        method: 'get',
        path: '/jobs/:id/events',
        access: 'authenticated',
        summary:
          'Server-sent events of a job: `progress` with the job each time it changes, then `done` with the finished job; the stream ends there',
        tags: ['jobs'],
        response: { status: 200, contentType: 'text/event-stream', schema: { type: 'string' } },
      },
      async (c) => {
        const service = jobsOf(c);
        const tenantId = c.get('tenant').id;
        const actor = c.get('actor');
        const id = uuidParam(c.req.param('id'), 'job');
        const read = () => withTenant(dbOf(c), tenantId, (tx) => service.get(tx, tenantId, id, actor));
        const first = await read(); // not found before the stream starts: a 404 problem, not an empty stream
        return streamSSE(c, async (stream) => {
          let open = true;
          stream.onAbort(() => {
            open = false;
          });
          const until = Date.now() + streamLimitMs;
          let job = first;
          let sent = '';
          for (let n = 0; open && Date.now() < until; n++) {
            const text = JSON.stringify(job);
            const done = finishedStates.includes(job.state);
            if (text !== sent || done) {
              await stream.writeSSE({ event: done ? 'done' : 'progress', data: text, id: String(n) });
              sent = text;
            }
            if (done) break;
            await service.changed(id, 1000);
            job = await read();
          }
        });
      },
    )
    .add(
      {
        method: 'post',
        path: '/jobs/:id/cancel',
        access: 'authenticated',
        summary:
          'Cancel a job: a queued job at once, a running one at its next progress report (what it already posted stays posted)',
        tags: ['jobs'],
        bodyOptional: true,
        body: { type: 'object', additionalProperties: false, properties: {} },
        response: { status: 200 },
      },
      async (c) => {
        const job: JobView = await jobsOf(c).cancel(
          dbOf(c),
          c.get('tenant').id,
          uuidParam(c.req.param('id'), 'job'),
          c.get('actor'),
        );
        return json(c, 200, job);
      },
    )
    .add(
      {
        method: 'get',
        path: '/schedules',
        access: 'tenant.admin',
        summary: "The tenant's job schedules (cron in the tenant's time zone), defaults included",
        tags: ['jobs'],
        response: { status: 200 },
      },
      async (c) => json(c, 200, { schedules: await listScheduleViews(dbOf(c), c.get('tenant')) }),
    )
    .add(
      {
        method: 'put',
        path: '/schedules/:key',
        access: 'tenant.admin',
        summary:
          'Create or change a schedule: the job kind, a five-field cron in the tenant time zone, the job input; it fires once across all processes',
        tags: ['jobs'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'cron'],
          properties: {
            kind: { type: 'string', pattern: '^[a-z][a-z0-9.-]{0,63}$' },
            cron: { type: 'string', minLength: 9, maxLength: 120 },
            input: { type: 'object' },
            enabled: { type: 'boolean' },
          },
        },
        response: { status: 200 },
      },
      async (c, { body }) => {
        const key = c.req.param('key') ?? '';
        return json(
          c,
          200,
          await saveSchedule(dbOf(c), actionCtx(c), jobsOf(c).kinds, keyParam(key), {
            kind: body.kind,
            cron: body.cron,
            ...(body.input ? { input: body.input as Record<string, unknown> } : {}),
            ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
          }),
        );
      },
    );
}

function keyParam(key: string): string {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(key))
    throw new HexiaoError(
      'invalid_data',
      'a schedule key is lower-case letters, digits, dot, dash or underscore (up to 64)',
      {
        pointer: '/key',
      },
    );
  return key;
}
