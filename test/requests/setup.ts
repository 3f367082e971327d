import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ledgerSetup } from '../ledger/setup.ts';
import { testDbKind } from '../support/test-db.ts';
import { newId } from '../../packages/server/src/domain/ids.ts';
import { publishDraft, saveDraft } from '../../packages/server/src/domain/definitions/index.ts';
import { postDocument } from '../../packages/server/src/domain/ledger/index.ts';
import type { ActionCtx, TenantCtx } from '../../packages/server/src/domain/context.ts';
import type { AttachmentDeps } from '../../packages/server/src/domain/requests/index.ts';
import { addAttachment } from '../../packages/server/src/domain/requests/index.ts';

const demo = new URL('../../examples/demo-tenant/', import.meta.url);
export const demoDocument = (folder: 'forms' | 'flows', name: string) =>
  JSON.parse(readFileSync(new URL(`${folder}/${name}.${folder.slice(0, -1)}.json`, demo), 'utf8'));

export const userCtx = (tenant: TenantCtx, roles: string[], name = roles.join('+')): ActionCtx => {
  const id = newId();
  return { tenant, actor: { type: 'user', id, userId: id, name, roles, user: { id, email: `${name}@example.test` } } };
};

/** A minimal PDF: what file-type recognises as application/pdf. */
export const pdfBytes = Buffer.from(
  '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n',
  'latin1',
);

export function tempFile(bytes: Buffer, name = 'evidence.pdf'): string {
  const dir = mkdtempSync(join(tmpdir(), 'hexiao-test-att-'));
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/**
 * A tenant with customers, the demo forms and flows published, a requester (clerk) and an approver, and
 * attachments kept as the server keeps them on this database (bytes in PostgreSQL, files on PGlite).
 */
export async function requestSetup(n = 3) {
  const s = await ledgerSetup(n);
  for (const folder of ['flows', 'forms'] as const)
    for (const f of readdirSync(new URL(`${folder}/`, demo))) {
      const key = f.split('.')[0]!;
      await saveDraft(s.deps, s.ctx, { kind: folder.slice(0, -1), key, document: demoDocument(folder, key) });
      await publishDraft(s.deps, s.ctx, folder.slice(0, -1), key);
    }
  const attachments: AttachmentDeps = {
    ...s.deps,
    attachments: {
      policy: { maxBytes: 64 * 1024, types: ['application/pdf', 'image/png', 'text/plain'] },
      store:
        testDbKind() === 'postgres'
          ? { kind: 'database' }
          : { kind: 'folder', dir: mkdtempSync(join(tmpdir(), 'hexiao-test-attachments-')) },
    },
  };
  const clerk = userCtx(s.tenant, ['clerk'], 'clerk');
  const approver = userCtx(s.tenant, ['finance-manager'], 'fm');
  const invoice = (customerId: string, amount: string, dueDate = '2025-01-31') =>
    postDocument(s.deps, s.ctx, {
      type: 'invoice',
      customerId,
      currency: 'CNY',
      amount,
      documentDate: '2025-01-01',
      dueDate,
    }).then((r) => r.document);
  const attach = (ctx: ActionCtx, label: string, requestId?: string, bytes = pdfBytes) =>
    addAttachment(attachments, ctx, {
      file: { name: `${label}.pdf`, path: tempFile(bytes), contentType: 'application/pdf' },
      label,
      requestId,
    });
  return { ...s, attachments, clerk, approver, invoice, attach };
}
