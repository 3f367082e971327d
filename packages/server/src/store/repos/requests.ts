import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { attachments, requestActions, requestRevisions, requests } from '../schema/index.ts';

export type RequestRow = typeof requests.$inferSelect;
export type RequestInsert = typeof requests.$inferInsert;
export type RequestActionRow = typeof requestActions.$inferSelect;
export type AttachmentRow = Omit<typeof attachments.$inferSelect, 'content'>;
export type AttachmentInsert = typeof attachments.$inferInsert;

export async function insertRequest(tx: Executor, row: RequestInsert): Promise<RequestRow> {
  const [r] = await tx.insert(requests).values(row).returning();
  return r!;
}

export async function findRequest(
  db: Executor,
  tenantId: string,
  id: string,
  forUpdate = false,
): Promise<RequestRow | undefined> {
  const q = db
    .select()
    .from(requests)
    .where(and(eq(requests.tenantId, tenantId), eq(requests.id, id)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r;
}

export interface RequestFilter {
  requestedBy?: string;
  customerId?: string;
  formKey?: string;
  /** Keyset pagination: requests created before this instant. */
  before?: string;
  limit: number;
}

export async function listRequests(db: Executor, tenantId: string, f: RequestFilter): Promise<RequestRow[]> {
  const conds = [eq(requests.tenantId, tenantId)];
  if (f.requestedBy) conds.push(eq(requests.requestedBy, f.requestedBy));
  if (f.customerId) conds.push(eq(requests.customerId, f.customerId));
  if (f.formKey) conds.push(eq(requests.formKey, f.formKey));
  if (f.before) conds.push(lt(requests.createdAt, f.before));
  return db
    .select()
    .from(requests)
    .where(and(...conds))
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(f.limit);
}

/** Keeps the current revision, then replaces the request's data and subject with the next one. */
export async function reviseRequest(
  tx: Executor,
  current: RequestRow,
  next: { data: unknown; subject: unknown; subjectHash: string },
  revisedBy: string,
): Promise<RequestRow> {
  await tx.insert(requestRevisions).values({
    tenantId: current.tenantId,
    requestId: current.id,
    revision: current.revision,
    data: current.data,
    subject: current.subject,
    subjectHash: current.subjectHash,
    revisedBy,
  });
  const [r] = await tx
    .update(requests)
    .set({ ...next, revision: current.revision + 1, updatedAt: sql`now()` })
    .where(
      and(
        eq(requests.tenantId, current.tenantId),
        eq(requests.id, current.id),
        eq(requests.revision, current.revision),
      ),
    )
    .returning();
  return r!;
}

export async function listRevisions(db: Executor, tenantId: string, requestId: string) {
  return db
    .select()
    .from(requestRevisions)
    .where(and(eq(requestRevisions.tenantId, tenantId), eq(requestRevisions.requestId, requestId)))
    .orderBy(asc(requestRevisions.revision));
}

/** Records the action a request performed, with its result (one row per request and per effect key, ever). */
export async function insertRequestAction(tx: Executor, row: typeof requestActions.$inferInsert): Promise<void> {
  await tx.insert(requestActions).values(row);
}

export async function findRequestActionByKey(
  db: Executor,
  tenantId: string,
  effectKey: string,
): Promise<RequestActionRow | undefined> {
  const [r] = await db
    .select()
    .from(requestActions)
    .where(and(eq(requestActions.tenantId, tenantId), eq(requestActions.effectKey, effectKey)));
  return r;
}

export async function findRequestAction(
  db: Executor,
  tenantId: string,
  requestId: string,
): Promise<RequestActionRow | undefined> {
  const [r] = await db
    .select()
    .from(requestActions)
    .where(and(eq(requestActions.tenantId, tenantId), eq(requestActions.requestId, requestId)));
  return r;
}

const attachmentColumns = {
  tenantId: attachments.tenantId,
  id: attachments.id,
  requestId: attachments.requestId,
  label: attachments.label,
  name: attachments.name,
  contentType: attachments.contentType,
  size: attachments.size,
  sha256: attachments.sha256,
  storedPath: attachments.storedPath,
  uploadedBy: attachments.uploadedBy,
  createdAt: attachments.createdAt,
};

export async function insertAttachment(tx: Executor, row: AttachmentInsert): Promise<AttachmentRow> {
  const [r] = await tx.insert(attachments).values(row).returning(attachmentColumns);
  return r!;
}

export async function listAttachments(db: Executor, tenantId: string, requestId: string): Promise<AttachmentRow[]> {
  return db
    .select(attachmentColumns)
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.requestId, requestId)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

export async function findAttachments(db: Executor, tenantId: string, ids: string[]): Promise<AttachmentRow[]> {
  if (!ids.length) return [];
  return db
    .select(attachmentColumns)
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), inArray(attachments.id, ids)));
}

/** An attachment with its bytes when they are kept in the database. */
export async function readAttachment(db: Executor, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.tenantId, tenantId), eq(attachments.id, id)));
  return r;
}

/** Links unlinked attachments to a request; returns how many were linked. */
export async function linkAttachments(tx: Executor, tenantId: string, requestId: string, ids: string[]) {
  if (!ids.length) return 0;
  const r = await tx
    .update(attachments)
    .set({ requestId })
    .where(and(eq(attachments.tenantId, tenantId), inArray(attachments.id, ids), isNull(attachments.requestId)))
    .returning({ id: attachments.id });
  return r.length;
}
