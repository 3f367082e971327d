import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { fileTypeFromFile } from 'file-type';
import { attachmentFilePath, keepAttachmentFile, readAttachmentFile } from '../../store/attachment-files.ts';
import * as repo from '../../store/repos/requests.ts';
import { recordAudit } from '../audit/index.ts';
import type { ActionCtx } from '../context.ts';
import type { DomainDeps } from '../deps.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { newId } from '../ids.ts';
import { requireRequestAccess } from './access.ts';
import { requesterOf } from './submit.ts';
import { attachmentView, type AttachmentView } from './views.ts';

/** What the server accepts as evidence (from its config). */
export interface AttachmentPolicy {
  maxBytes: number;
  types: readonly string[];
}

/** Where the bytes go: the database (PostgreSQL) or the data folder (embedded PGlite). */
export type AttachmentStore = { kind: 'database' } | { kind: 'folder'; dir: string };

export interface AttachmentDeps extends DomainDeps {
  attachments: { policy: AttachmentPolicy; store: AttachmentStore };
}

export interface UploadedFile {
  /** The client's file name (kept for display only). */
  name: string;
  /** A temporary file holding the bytes. */
  path: string;
  /** The declared content type (the part's Content-Type). */
  contentType: string;
}

const labelPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Containers whose members decide the type: an OFD invoice is a zip file. */
const containers: Record<string, string> = { 'application/ofd': 'application/zip' };

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * The content type a file may be kept as: declared, on the allow-list, and what its bytes are (sniffed
 * with file-type). A text type has no signature: it must be UTF-8 without NUL bytes.
 */
async function acceptedType(policy: AttachmentPolicy, file: UploadedFile): Promise<string> {
  const declared = file.contentType.split(';')[0]!.trim().toLowerCase();
  if (!policy.types.includes(declared))
    throw invalid(
      '/file',
      `content type ${JSON.stringify(declared.slice(0, 100))} is not accepted (accepted: ${policy.types.join(', ')})`,
    );
  const sniffed = (await fileTypeFromFile(file.path))?.mime;
  if (sniffed === declared || (sniffed !== undefined && containers[declared] === sniffed)) return declared;
  if (sniffed === undefined && declared.startsWith('text/')) {
    const bytes = readFileSync(file.path);
    if (!bytes.includes(0) && new TextDecoder('utf-8', { fatal: false }).decode(bytes).indexOf('\uFFFD') < 0)
      return declared;
  }
  throw invalid(
    '/file',
    `is declared ${declared} but its content is ${sniffed ?? 'not a recognisable file of that type'}`,
  );
}

/**
 * Keeps one piece of evidence: checked against the size cap and the content-type allow-list (declared and
 * sniffed), hashed (sha-256), its bytes stored in the database or the data folder. With a request id it is
 * filed with that request (its requester, or an approver who sees it); without, it waits for the
 * submission that names it.
 */
export async function addAttachment(
  deps: AttachmentDeps,
  ctx: ActionCtx,
  input: { file: UploadedFile; label: string; requestId?: string },
): Promise<AttachmentView> {
  const { policy, store } = deps.attachments;
  if (typeof input.label !== 'string' || !labelPattern.test(input.label))
    throw invalid('/label', 'must be a label such as bankruptcy-notice (a-z, 0-9, -)');
  const size = statSync(input.file.path).size;
  if (size > policy.maxBytes)
    throw new HexiaoError(
      'limit_exceeded',
      `the attachment exceeds the ${policy.maxBytes} byte cap (HEXIAO_MAX_ATTACHMENT)`,
      {
        pointer: '/file',
      },
    );
  if (size === 0) throw invalid('/file', 'is empty');
  const contentType = await acceptedType(policy, input.file);
  const sha256 = await sha256Of(input.file.path);
  return deps.db.transaction(async (tx) => {
    const tenantId = ctx.tenant.id;
    if (input.requestId) {
      const r = await repo.findRequest(tx, tenantId, input.requestId);
      if (!r) throw new HexiaoError('not_found', `request ${input.requestId} does not exist`);
      await requireRequestAccess(tx, ctx, r);
    }
    const name = input.file.name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'attachment';
    const row = await repo.insertAttachment(tx, {
      tenantId,
      id: newId(),
      requestId: input.requestId ?? null,
      label: input.label,
      name,
      contentType,
      size,
      sha256,
      content: store.kind === 'database' ? readFileSync(input.file.path) : null,
      storedPath: store.kind === 'folder' ? keepAttachmentFile(store.dir, tenantId, sha256, input.file.path) : null,
      uploadedBy: requesterOf(ctx).id,
    });
    await recordAudit(tx, ctx, deps.auditKey, {
      action: 'attachment.add',
      entityType: input.requestId ? 'request' : 'attachment',
      entityId: input.requestId ?? row.id,
      after: { attachment: row.id, label: row.label, name, contentType, size, sha256 },
    });
    return attachmentView(row);
  });
}

/** An attachment's bytes, to whoever sees its request (or its uploader, before it is filed). */
export async function attachmentContent(
  deps: AttachmentDeps,
  ctx: ActionCtx,
  id: string,
): Promise<{ attachment: AttachmentView; bytes: Buffer }> {
  const row = await repo.readAttachment(deps.db, ctx.tenant.id, id);
  const hidden = new HexiaoError('not_found', `attachment ${id} does not exist`);
  if (!row) throw hidden;
  if (row.requestId) {
    const r = await repo.findRequest(deps.db, ctx.tenant.id, row.requestId);
    await requireRequestAccess(deps.db, ctx, r!);
  } else if (row.uploadedBy !== requesterOf(ctx).id) throw hidden;
  const { store } = deps.attachments;
  // content-addressed under the data folder in use: a folder restored elsewhere still finds its files
  const bytes =
    row.content ??
    readAttachmentFile(
      store.kind === 'folder' ? attachmentFilePath(store.dir, row.tenantId, row.sha256) : row.storedPath!,
    );
  const { content: _content, ...meta } = row;
  void _content;
  return { attachment: attachmentView(meta), bytes };
}
