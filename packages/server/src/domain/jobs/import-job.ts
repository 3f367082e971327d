import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as repo from '../../store/repos/jobs.ts';
import type { ActionCtx } from '../context.ts';
import type { Db, Executor } from '../deps.ts';
import { HexiaoError } from '../errors.ts';
import { newId } from '../ids.ts';
import { runImport, type ImportDeps, type ImportReport, type RunImportInput } from '../imports/index.ts';
import { matchAfterImport } from '../matching/index.ts';
import { withTenant } from '../unit-of-work/index.ts';
import type { JobKind } from './kinds.ts';

/** What an import job keeps of its request: the config it names and the stored upload it reads. */
export interface ImportJobInput {
  connector: string;
  configKey?: string;
  configVersion?: number;
  file: { id: string; name: string; sha256: string; size: number };
}

/** The import's dependencies a process has (connectors, limits, the kept-files folder), without the database. */
export type ImportJobDeps = Omit<ImportDeps, 'db' | 'auditKey' | 'onBatch'>;

/** Keeps an upload in the database for the job that will import it (any worker, any machine, may take it). */
export async function storeUpload(
  db: Executor,
  tenantId: string,
  file: { name: string; type: string; content: Buffer; sha256: string },
): Promise<ImportJobInput['file']> {
  const id = newId();
  await repo.insertJobFile(db, {
    tenantId,
    id,
    name: file.name,
    contentType: file.type,
    size: file.content.length,
    content: file.content,
  });
  return { id, name: file.name, sha256: file.sha256, size: file.content.length };
}

/**
 * An import as a job: the stored upload through the connector in one tenant transaction (as the request did),
 * then the matching the config asks for. A retry creates nothing twice: imports are idempotent by their keys
 * (bank-line keys, document numbers). The upload is deleted with the import's commit.
 */
export function importJob(o: ImportJobDeps): JobKind<ImportJobInput> {
  return {
    kind: 'import.run',
    maxAttempts: 3,
    title: (i) => ({
      en: `Import of ${i.file.name} through ${i.connector}${i.configKey ? ` (${i.configKey})` : ''}`,
      zh: `导入 ${i.file.name}（${i.connector}${i.configKey ? ` · ${i.configKey}` : ''}）`,
    }),
    async run(deps, ctx: ActionCtx, input, progress): Promise<ImportReport> {
      await progress({ done: 0, total: input.file.size, phase: 'reading' });
      const dir = mkdtempSync(join(tmpdir(), 'hexiao-job-'));
      try {
        const report = await withTenant(deps.db, ctx.tenant.id, async (tx: Db) => {
          const stored = await repo.findJobFile(tx, ctx.tenant.id, input.file.id);
          if (!stored)
            throw new HexiaoError(
              'not_found',
              `the upload ${input.file.name} of this job is gone (used by an earlier attempt?)`,
            );
          const path = join(dir, 'upload.bin');
          writeFileSync(path, stored.content);
          const request: RunImportInput = {
            connector: input.connector,
            dryRun: false,
            // the CLI's system actor (a `hexiao import` handed to a running server) may use connector defaults
            allowDefaults: ctx.actor.type === 'system',
            ...(input.configKey ? { configKey: input.configKey } : {}),
            ...(input.configVersion ? { configVersion: input.configVersion } : {}),
            files: [{ name: input.file.name, path }],
          };
          const r = await runImport({ ...o, db: tx, auditKey: deps.auditKey }, ctx, request);
          const matching = await matchAfterImport({ db: tx, auditKey: deps.auditKey }, ctx, r);
          if (matching) r.matching = matching;
          await repo.deleteJobFile(tx, ctx.tenant.id, input.file.id);
          return r;
        });
        return report;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
