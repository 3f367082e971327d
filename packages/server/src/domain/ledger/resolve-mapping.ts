import type { Executor } from '../../store/db.ts';
import { latestPublishedAccountMapping } from '../../store/repos/account-mappings.ts';
import { checkDefinition } from '../definitions/index.ts';
import { accountMappingKind, type AccountMappingDocument } from './account-mapping.kind.ts';
import { HexiaoError } from '../errors.ts';
import { builtInMapping, type ResolvedMapping } from './account-mapping.ts';

/**
 * The account mapping in force for a tenant: its newest published `account-mapping` definition, or the
 * built-in chart (version 0) when it has none. The version is recorded on every voucher.
 */
export async function resolveAccountMapping(tx: Executor, tenantId: string): Promise<ResolvedMapping> {
  const row = await latestPublishedAccountMapping(tx, tenantId);
  if (!row) return builtInMapping;
  const errors = checkDefinition(accountMappingKind, row.document);
  if (errors.length)
    throw new HexiaoError(
      'unexpected_state',
      `account-mapping ${row.key} v${row.version} is invalid: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`,
    );
  return { key: row.key, version: row.version, document: row.document as AccountMappingDocument };
}
