import { join } from 'node:path';
import type { ServerConfig } from '../config/config.ts';
import type { ImportJobDeps } from '../domain/jobs/index.ts';

/** What an import needs from the configuration, the same for the API, the job workers and `hexiao import`. */
export function importDeps(
  config: ServerConfig,
  dbKind: ImportJobDeps['dbKind'],
  connectors: ImportJobDeps['connectors'],
): ImportJobDeps {
  return {
    connectors,
    dbKind,
    filesDir: join(config.dataDir, 'imports'),
    maxExpandedBytes: config.maxExpandedBytes,
    batchLines: config.importBatchLines,
  };
}
