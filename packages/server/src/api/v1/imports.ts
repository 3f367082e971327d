import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import Busboy from 'busboy';
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import { RouteTable } from '../route-table.ts';
import { actionCtx, dbOf, json } from '../context.ts';
import { matchAfterImport } from '../../domain/matching/index.ts';
import { principalOf, runIdempotent } from '../../domain/idempotency/index.ts';
import { intQuery, uuidParam } from '../params.ts';
import type { Db } from '../../domain/deps.ts';
import { HexiaoError, errorTypes, invalid, type ErrorType } from '../../domain/errors.ts';
import { storeUpload, type ImportJobInput, type JobView } from '../../domain/jobs/index.ts';
import { withTenant } from '../../domain/unit-of-work/index.ts';
import {
  getImportReport,
  listImportReports,
  resolveImportConfig,
  runImport,
  sha256File,
  type ConnectorConfigDocument,
  type ImportReport,
} from '../../domain/imports/index.ts';

interface Upload {
  fields: Record<string, string>;
  /** The file part: client file name, temporary path, declared content type. */
  file?: { name: string; path: string; type: string };
  cleanup(): void;
}

const tooLarge = (max: number, variable: string) =>
  new HexiaoError('limit_exceeded', `the upload exceeds the ${max} byte cap (${variable})`, { pointer: '/file' });

/** Streams a multipart upload's one file to a temporary folder (never into memory), refusing it past `maxBytes`. */
export async function receiveUpload(
  c: Context<AppEnv>,
  maxBytes: number,
  capVariable = 'HEXIAO_MAX_UPLOAD',
): Promise<Upload> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type))
    throw new HexiaoError('invalid_data', 'the upload must be multipart/form-data with a file part', { pointer: '/' });
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBytes + 1_000_000) throw tooLarge(maxBytes, capVariable);
  const dir = mkdtempSync(join(tmpdir(), 'hexiao-upload-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const upload: Upload = { fields: {}, cleanup };
  try {
    const body = c.req.raw.body;
    if (!body) throw invalid('/file', 'is required');
    const src = Readable.fromWeb(body as unknown as WebReadableStream);
    await new Promise<void>((resolve, rejectUpload) => {
      // on refusal stop reading the request at once: the rest of an oversized upload is never consumed
      const reject = (e: unknown) => {
        src.unpipe();
        src.destroy();
        rejectUpload(e);
      };
      const bb = Busboy({
        headers: { 'content-type': type },
        limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 1_000_000 },
      });
      const writes: Promise<void>[] = [];
      bb.on('field', (name, value) => void (upload.fields[name] = value));
      bb.on('file', (_name, stream, info) => {
        const name = basename(info.filename || 'upload').slice(0, 200);
        const path = join(dir, 'upload.bin');
        upload.file = { name, path, type: info.mimeType };
        const out = createWriteStream(path);
        stream.on('error', reject);
        stream.on('limit', () => {
          stream.unpipe(out);
          stream.resume();
          reject(tooLarge(maxBytes, capVariable));
        });
        const written = new Promise<void>((res, rej) => out.on('finish', () => res()).on('error', rej));
        // after a refusal the folder is removed under the stream: its late error is not news
        written.catch(() => {});
        writes.push(written);
        stream.pipe(out);
      });
      bb.on('error', (e) =>
        reject(
          new HexiaoError('invalid_data', `the multipart body is malformed: ${(e as Error).message}`, { pointer: '/' }),
        ),
      );
      bb.on('close', () => void Promise.all(writes).then(() => resolve(), reject));
      src.on('error', reject).pipe(bb);
    });
    return upload;
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** Imports: upload a file through a connector (a job with a stored report), list them, read a report. */
export function importRoutes(): RouteTable {
  return new RouteTable()
    .add(
      {
        method: 'post',
        path: '/imports',
        access: 'import.run',
        dataScope: 'unscoped-only',
        tags: ['imports'],
        idempotent: true,
        rateLimit: { limit: 30, windowMs: 60_000 },
        summary:
          'Import a file (multipart: file, connector, configKey [+ configVersion], or dryRun=true with an inline config JSON); .gz and .zip are expanded. The import runs as a job: 201 with the report when it ends within HEXIAO_IMPORT_WAIT_MS (2 s), else 202 with the job to follow (GET /jobs/:id, its events); a dry run answers 200 with its report',
        response: {
          status: 201,
          description: 'the import report (200 for a dry run, 202 with the job when it runs on)',
        },
      },
      async (c) => {
        const { config } = c.get('deps');
        const upload = await receiveUpload(c, config.maxUploadBytes);
        try {
          const f = upload.fields;
          if (!upload.file) throw invalid('/file', 'is required: one file part');
          if (!f.connector) throw invalid('/connector', 'is required');
          const dryRun = f.dryRun === 'true';
          let inline: ConnectorConfigDocument | undefined;
          if (f.config) {
            try {
              inline = JSON.parse(f.config) as ConnectorConfigDocument;
            } catch {
              throw invalid('/config', 'must be a JSON connector-config document');
            }
          }
          const configVersion = f.configVersion ? Number(f.configVersion) : undefined;
          if (configVersion !== undefined && !(Number.isInteger(configVersion) && configVersion > 0))
            throw invalid('/configVersion', 'must be a positive integer');
          const { connectors } = c.get('deps').plugins;
          const { sha256 } = await sha256File(upload.file.path);
          const ctx = actionCtx(c);
          const file = upload.file;
          const request = { ...f, sha256 };
          const idempotency = {
            tenantId: ctx.tenant.id,
            route: 'POST /imports',
            principal: principalOf(ctx.actor),
            key: c.req.header('idempotency-key'),
            request,
          };
          // this route runs outside the request transaction (middleware/tenant-scope.ts): a dry run in one of its
          // own; a real import becomes a job, answered with its report when it ends within the wait
          if (dryRun) {
            const result = await withTenant(dbOf(c), ctx.tenant.id, (tx) =>
              runIdempotent(tx, idempotency, async (db: Db) => {
                const report = await runImport(
                  {
                    db,
                    auditKey: config.auditKey,
                    connectors,
                    dbKind: c.get('deps').database.kind,
                    maxExpandedBytes: config.maxExpandedBytes,
                    batchLines: config.importBatchLines,
                  },
                  ctx,
                  {
                    connector: f.connector!,
                    dryRun: true,
                    ...(f.configKey ? { configKey: f.configKey } : {}),
                    ...(configVersion ? { configVersion } : {}),
                    ...(inline ? { inline } : {}),
                    files: [file],
                  },
                );
                const matching = await matchAfterImport({ db, auditKey: config.auditKey }, ctx, report);
                if (matching) report.matching = matching;
                return { status: 200, body: report };
              }),
            );
            if (result.replayed) c.header('Idempotency-Replayed', 'true');
            return json(c, result.status, result.body);
          }
          if (inline)
            throw invalid('/config', 'an inline config is for a dry run only: publish it and name its configKey');
          const jobs = c.get('deps').jobs;
          let stored: { id: string; maxAttempts: number } | undefined;
          const submitted = await withTenant(dbOf(c), ctx.tenant.id, (tx) =>
            runIdempotent(tx, idempotency, async (db: Db) => {
              // a config that does not resolve is refused now, before any job exists
              await resolveImportConfig(db, ctx.tenant.id, connectors, {
                connector: f.connector!,
                dryRun: false,
                // a `hexiao import` handed to this server may use the connector's defaults, as the CLI does
                allowDefaults: ctx.actor.type === 'system',
                ...(f.configKey ? { configKey: f.configKey } : {}),
                ...(configVersion ? { configVersion } : {}),
              });
              const input: ImportJobInput = {
                connector: f.connector!,
                ...(f.configKey ? { configKey: f.configKey } : {}),
                ...(configVersion ? { configVersion } : {}),
                file: await storeUpload(db, ctx.tenant.id, {
                  name: file.name,
                  type: file.type,
                  content: readFileSync(file.path),
                  sha256,
                }),
              };
              stored = await jobs.store(db, ctx, importJobKind, input);
              return { status: 202, body: await jobs.get(db, ctx.tenant.id, stored.id) };
            }),
          );
          if (stored) await jobs.enqueue(ctx.tenant.id, stored);
          if (submitted.replayed) c.header('Idempotency-Replayed', 'true');
          const jobId = (submitted.body as JobView).id;
          const job = await jobs.wait(ctx.tenant.id, jobId, config.importWaitMs);
          c.header('Location', `/api/v1/jobs/${jobId}`);
          if (job.state === 'succeeded') return json(c, 201, job.result as ImportReport);
          if (job.state === 'failed' && job.error)
            throw new HexiaoError(asErrorType(job.error.type), job.error.message, {
              ...(job.error.errors ? { errors: job.error.errors } : {}),
              extra: { job: { id: job.id, state: job.state } },
            });
          return json(c, 202, job);
        } finally {
          upload.cleanup();
        }
      },
    )
    .add(
      {
        method: 'get',
        path: '/imports',
        access: 'import.read',
        dataScope: 'unscoped-only',
        tags: ['imports'],
        summary: 'List imports, newest first (?limit, ?before)',
        query: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
            before: { type: 'string', format: 'date-time' },
          },
        },
        response: { status: 200 },
      },
      async (c, { query }) =>
        json(
          c,
          200,
          await listImportReports(dbOf(c), c.get('tenant').id, {
            limit: intQuery(query.limit, 'limit', 50, 200),
            ...(query.before ? { before: query.before } : {}),
          }),
        ),
    )
    .add(
      {
        method: 'get',
        path: '/imports/:id',
        access: 'import.read',
        dataScope: 'unscoped-only',
        tags: ['imports'],
        summary: 'An import and its report: counts, control totals per currency, rejected records with positions',
        response: { status: 200 },
      },
      async (c) =>
        json(c, 200, await getImportReport(dbOf(c), c.get('tenant').id, uuidParam(c.req.param('id'), 'import'))),
    );
}

const importJobKind = 'import.run';
const asErrorType = (t: string): ErrorType =>
  (errorTypes as readonly string[]).includes(t) ? (t as ErrorType) : 'invalid_data';
