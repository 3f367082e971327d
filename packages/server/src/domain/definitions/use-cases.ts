import * as repo from '../../store/repos/definitions.ts';
import type { Executor } from '../../store/db.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import { contentHash } from './content-hash.ts';
import { diffDocuments, type DiffEntry } from './diff.ts';
import { toVersion, type DefinitionVersion } from './documents.ts';
import { checkDefinition, type DefinitionKinds, type DefinitionKind, type PublishCheck } from './kinds.ts';

/** Definition use-cases need the kinds the server was started with. */
export interface DefinitionsDeps extends DomainDeps {
  kinds: DefinitionKinds;
}

const name = (kind: string, key: string, version?: number) =>
  `definition ${kind}/${key}${version ? ` v${version}` : ''}`;

/** Meta-schema then kind-specific checks; every error has a JSON pointer into the document. */
export function validateDefinition(kinds: DefinitionKinds, kind: string, document: unknown): FieldError[] {
  const k = kinds.get(kind);
  if (!k) throw new HexiaoError('invalid_data', `unknown definition kind ${kind}`, { pointer: '/kind' });
  return checkDefinition(k, document);
}

function refuseInvalid(kinds: DefinitionKinds, kind: string, key: string, document: unknown): void {
  const errors = validateDefinition(kinds, kind, document);
  if (errors.length)
    throw new HexiaoError(
      'invalid_data',
      `${name(kind, key)} is invalid: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`,
      {
        record: name(kind, key),
        errors: errors.map((e) => ({ pointer: `/document${e.pointer === '/' ? '' : e.pointer}`, reason: e.reason })),
      },
    );
}

const prefixed = (errors: FieldError[]) =>
  errors.map((e) => ({ pointer: `/document${e.pointer === '/' ? '' : e.pointer}`, reason: e.reason }));

/**
 * The document checks, then the kind's checks against the tenant's data (a flow's bound form, today's
 * people): what publishing would refuse and warn about. Writes nothing.
 */
export async function checkForPublish(
  db: Executor,
  kinds: DefinitionKinds,
  ctx: ActionCtx,
  kind: string,
  document: unknown,
): Promise<PublishCheck> {
  const errors = validateDefinition(kinds, kind, document);
  if (errors.length) return { errors, warnings: [] };
  const k = kinds.get(kind) as DefinitionKind<unknown> | undefined;
  if (!k?.publishCheck) return { errors: [], warnings: [] };
  return k.publishCheck(document, { db, tenantId: ctx.tenant.id, timeZone: ctx.tenant.timeZone });
}

/** Refuses (422, pointers under /document) what the publish check finds; returns its warnings. */
async function refuseUnpublishable(
  tx: Executor,
  kinds: DefinitionKinds,
  ctx: ActionCtx,
  kind: string,
  key: string,
  document: unknown,
): Promise<FieldError[]> {
  refuseInvalid(kinds, kind, key, document);
  const { errors, warnings } = await checkForPublish(tx, kinds, ctx, kind, document);
  if (errors.length)
    throw new HexiaoError(
      'invalid_data',
      `${name(kind, key)} cannot be published: ${errors.map((e) => `${e.pointer} ${e.reason}`).join('; ')}`,
      { record: name(kind, key), errors: prefixed(errors) },
    );
  return prefixed(warnings);
}

export interface DraftInput {
  kind: string;
  key: string;
  document: unknown;
  title?: string;
  note?: string;
}

/** Creates the definition's draft (version = newest + 1) or replaces the open draft's document. */
export async function saveDraft(deps: DefinitionsDeps, ctx: ActionCtx, input: DraftInput): Promise<DefinitionVersion> {
  refuseInvalid(deps.kinds, input.kind, input.key, input.document);
  return deps.db.transaction(async (tx) => {
    const versions = await repo.lockDefinition(tx, ctx.tenant.id, input.kind, input.key);
    const draft = versions.find((v) => v.status === 'draft');
    const hash = contentHash(input.document);
    const row = draft
      ? await repo.updateDraft(tx, ctx.tenant.id, draft.id, {
          document: input.document,
          contentHash: hash,
          title: input.title ?? draft.title,
          note: input.note ?? draft.note,
        })
      : await repo.insertDefinition(tx, {
          tenantId: ctx.tenant.id,
          id: newId(),
          kind: input.kind,
          key: input.key,
          version: (versions[0]?.version ?? 0) + 1,
          status: 'draft',
          title: input.title ?? null,
          document: input.document,
          contentHash: hash,
          basedOn: versions.find((v) => v.status === 'published')?.version ?? null,
          note: input.note ?? null,
          createdBy: ctx.actor.name,
        });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'definition.draft',
      entityType: 'definition',
      entityId: `${input.kind}/${input.key}`,
      after: { version: row!.version, contentHash: hash },
    });
    return toVersion(row!);
  });
}

/** Publishes the open draft: from now on it is immutable and the current version. */
export async function publishDraft(
  deps: DefinitionsDeps,
  ctx: ActionCtx,
  kind: string,
  key: string,
): Promise<DefinitionVersion> {
  return deps.db.transaction(async (tx) => {
    const versions = await repo.lockDefinition(tx, ctx.tenant.id, kind, key);
    const draft = versions.find((v) => v.status === 'draft');
    if (!draft)
      throw new HexiaoError(
        versions.length ? 'unexpected_state' : 'not_found',
        `${name(kind, key)} has no draft to publish`,
      );
    const warnings = await refuseUnpublishable(tx, deps.kinds, ctx, kind, key, draft.document);
    const published = await publishRow(tx, deps, ctx, draft.id, `${kind}/${key}`, draft.version, draft.contentHash);
    return warnings.length ? { ...published, warnings } : published;
  });
}

async function publishRow(
  tx: Executor,
  deps: DomainDeps,
  ctx: ActionCtx,
  id: string,
  entityId: string,
  version: number,
  hash: string,
) {
  const row = await repo.setDefinitionStatus(tx, ctx.tenant.id, id, 'published', ctx.actor.name);
  await recordAudit(tx, ctx, deps.auditKey, {
    action: 'definition.publish',
    entityType: 'definition',
    entityId,
    after: { version, contentHash: hash },
  });
  return toVersion(row);
}

/**
 * Creates and publishes a new version with the document of an older one: history is never rewritten,
 * the rollback is itself a version (noting what it restores).
 */
export async function rollbackTo(
  deps: DefinitionsDeps,
  ctx: ActionCtx,
  kind: string,
  key: string,
  version: number,
): Promise<DefinitionVersion> {
  return deps.db.transaction(async (tx) => {
    const versions = await repo.lockDefinition(tx, ctx.tenant.id, kind, key);
    const old = versions.find((v) => v.version === version);
    if (!old) throw new HexiaoError('not_found', `${name(kind, key, version)} does not exist`);
    if (old.status === 'draft')
      throw new HexiaoError('unexpected_state', `${name(kind, key, version)} is a draft; publish it instead`);
    if (versions.some((v) => v.status === 'draft'))
      throw new HexiaoError(
        'conflict',
        `${name(kind, key)} has an open draft; publish or discard it before rolling back`,
      );
    const warnings = await refuseUnpublishable(tx, deps.kinds, ctx, kind, key, old.document);
    const row = await repo.insertDefinition(tx, {
      tenantId: ctx.tenant.id,
      id: newId(),
      kind,
      key,
      version: versions[0]!.version + 1,
      status: 'draft',
      title: old.title,
      document: old.document,
      contentHash: old.contentHash,
      basedOn: version,
      note: `rollback to v${version}`,
      createdBy: ctx.actor.name,
    });
    const published = await publishRow(tx, deps, ctx, row.id, `${kind}/${key}`, row.version, row.contentHash);
    return warnings.length ? { ...published, warnings } : published;
  });
}

export async function archiveVersion(
  deps: DomainDeps,
  ctx: ActionCtx,
  kind: string,
  key: string,
  version: number,
): Promise<DefinitionVersion> {
  return deps.db.transaction(async (tx) => {
    const versions = await repo.lockDefinition(tx, ctx.tenant.id, kind, key);
    const v = versions.find((x) => x.version === version);
    if (!v) throw new HexiaoError('not_found', `${name(kind, key, version)} does not exist`);
    if (v.status !== 'published')
      throw new HexiaoError(
        'unexpected_state',
        `${name(kind, key, version)} is ${v.status}; only a published version can be archived`,
      );
    const row = await repo.setDefinitionStatus(tx, ctx.tenant.id, v.id, 'archived', ctx.actor.name);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'definition.archive',
      entityType: 'definition',
      entityId: `${kind}/${key}`,
      after: { version },
    });
    return toVersion(row);
  });
}

export async function discardDraft(deps: DomainDeps, ctx: ActionCtx, kind: string, key: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const draft = (await repo.lockDefinition(tx, ctx.tenant.id, kind, key)).find((v) => v.status === 'draft');
    if (!draft) throw new HexiaoError('not_found', `${name(kind, key)} has no draft`);
    await repo.deleteDraft(tx, ctx.tenant.id, draft.id);
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'definition.discard-draft',
      entityType: 'definition',
      entityId: `${kind}/${key}`,
      before: { version: draft.version },
    });
  });
}

export async function definitionHistory(
  db: Executor,
  tenantId: string,
  kind: string,
  key: string,
): Promise<DefinitionVersion[]> {
  const rows = await repo.listDefinitionVersions(db, tenantId, kind, key);
  if (!rows.length) throw new HexiaoError('not_found', `${name(kind, key)} does not exist`);
  return rows.map((r) => toVersion(r));
}

/** `current` = highest published version; `draft` = the open draft; or a version number. */
export async function getDefinition<Doc = unknown>(
  db: Executor,
  tenantId: string,
  kind: string,
  key: string,
  which: number | 'current' | 'draft' = 'current',
): Promise<DefinitionVersion<Doc>> {
  const row =
    which === 'current'
      ? await repo.findCurrentDefinition(db, tenantId, kind, key)
      : which === 'draft'
        ? (await repo.listDefinitionVersions(db, tenantId, kind, key)).find((v) => v.status === 'draft')
        : await repo.findDefinitionVersion(db, tenantId, kind, key, which);
  if (!row)
    throw new HexiaoError(
      'not_found',
      `${name(kind, key, typeof which === 'number' ? which : undefined)}${typeof which === 'string' ? ` (${which})` : ''} does not exist`,
    );
  return toVersion<Doc>(row);
}

export async function diffVersions(
  db: Executor,
  tenantId: string,
  kind: string,
  key: string,
  from: number,
  to: number,
): Promise<{ from: number; to: number; changes: DiffEntry[] }> {
  const [a, b] = await Promise.all([
    getDefinition(db, tenantId, kind, key, from),
    getDefinition(db, tenantId, kind, key, to),
  ]);
  return { from, to, changes: diffDocuments(a.document, b.document) };
}

export async function listDefinitions(db: Executor, tenantId: string, kind?: string): Promise<DefinitionVersion[]> {
  return (await repo.listDefinitions(db, tenantId, kind)).map((r) => toVersion(r));
}

/**
 * Publishes a built-in document as version 1 of a definition the tenant does not have yet (a new tenant's
 * defaults); does nothing when the definition exists. Runs in the caller's transaction.
 */
export async function publishBuiltIn(
  tx: Executor,
  ctx: ActionCtx,
  auditKey: Buffer,
  input: { kind: string; key: string; title: string; document: unknown; note?: string },
): Promise<DefinitionVersion | null> {
  const versions = await repo.lockDefinition(tx, ctx.tenant.id, input.kind, input.key);
  if (versions.length) return null;
  const row = await repo.insertDefinition(tx, {
    tenantId: ctx.tenant.id,
    id: newId(),
    kind: input.kind,
    key: input.key,
    version: 1,
    status: 'draft',
    title: input.title,
    document: input.document,
    contentHash: contentHash(input.document),
    basedOn: null,
    note: input.note ?? 'built-in default',
    createdBy: ctx.actor.name,
  });
  return publishRow(
    tx,
    { db: tx as DomainDeps['db'], auditKey },
    ctx,
    row.id,
    `${input.kind}/${input.key}`,
    1,
    row.contentHash,
  );
}
