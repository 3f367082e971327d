import type { Executor } from '../../store/db.ts';
import { getImport, listImports, type ImportRow } from '../../store/repos/imports.ts';
import { HexiaoError } from '../errors.ts';
import type { ImportReport } from './report.ts';

export interface ImportSummary {
  id: string;
  connector: string;
  connectorVersion: string;
  config: { key: string; version: number } | null;
  status: string;
  read: number;
  created: number;
  duplicates: number;
  rejected: number;
  createdBy: string;
  startedAt: string;
  finishedAt: string;
}

const summary = (r: ImportRow): ImportSummary => {
  const rep = r.report as ImportReport;
  return {
    id: r.id,
    connector: r.connector,
    connectorVersion: r.connectorVersion,
    config: r.configKey ? { key: r.configKey, version: r.configVersion! } : null,
    status: r.status,
    read: rep.read,
    created: rep.created,
    duplicates: rep.duplicates,
    rejected: rep.rejected,
    createdBy: r.createdBy,
    startedAt: new Date(r.startedAt).toISOString(),
    finishedAt: new Date(r.finishedAt).toISOString(),
  };
};

export async function listImportReports(
  db: Executor,
  tenantId: string,
  o: { limit?: number; before?: string } = {},
): Promise<{ items: ImportSummary[]; next: string | null }> {
  const limit = Math.min(Math.max(o.limit ?? 50, 1), 200);
  const rows = await listImports(db, tenantId, limit + 1, o.before);
  const items = rows.slice(0, limit).map(summary);
  return { items, next: rows.length > limit ? items[items.length - 1]!.finishedAt : null };
}

export async function getImportReport(
  db: Executor,
  tenantId: string,
  id: string,
): Promise<ImportSummary & { report: ImportReport }> {
  const r = /^[0-9a-f-]{36}$/i.test(id) ? await getImport(db, tenantId, id) : undefined;
  if (!r) throw new HexiaoError('not_found', `import ${id} does not exist`);
  return { ...summary(r), report: r.report as ImportReport };
}
