import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Attachment bytes kept in the data folder (embedded database): one file per tenant and sha-256, written
 * once and never changed; the same evidence uploaded twice is stored once.
 */
export function keepAttachmentFile(dir: string, tenantId: string, sha256: string, from: string): string {
  mkdirSync(join(dir, tenantId), { recursive: true, mode: 0o700 });
  const path = attachmentFilePath(dir, tenantId, sha256);
  if (!existsSync(path)) {
    // copied aside, then renamed: a reader never sees half a file
    const part = `${path}.${randomBytes(6).toString('hex')}.part`;
    copyFileSync(from, part);
    renameSync(part, path);
  }
  return path;
}

/** Where an attachment's bytes live in an attachments folder: by tenant and content. */
export function attachmentFilePath(dir: string, tenantId: string, sha256: string): string {
  return join(dir, tenantId, sha256);
}

export function readAttachmentFile(path: string): Buffer {
  return readFileSync(path);
}
