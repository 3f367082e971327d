import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

import type { AuditActorInfo, AuditEntry, AuditHead, AuditInput } from '../../model/audit.ts';

export type { AuditActorInfo, AuditEntry, AuditHead, AuditInput } from '../../model/audit.ts';

export const genesisHash = (tenantId: string) => createHash('sha256').update(`hexiao-audit:${tenantId}`).digest('hex');

/** The hashed content of an entry: every recorded field but the hash itself. */
export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  // the canonical JSON of the entry (keys sorted), written out directly: this is the hot path of bulk appends
  const j = (v: unknown) =>
    v === undefined || v === null ? 'null' : typeof v === 'object' ? canonicalJson(v) : JSON.stringify(v);
  const body =
    `{"action":${j(e.action)},"actorId":${j(e.actorId)},"actorName":${j(e.actorName)},"actorType":${j(e.actorType)},"after":${j(e.after)},` +
    `"at":${j(e.at)},"batchSha256":${j(e.batchSha256)},"before":${j(e.before)},"definitions":${j(e.definitions)},"entityId":${j(e.entityId)},` +
    `"entityType":${j(e.entityType)},"id":${j(e.id)},"ip":${j(e.ip)},"recordCount":${j(e.recordCount)},"requestId":${j(e.requestId)},` +
    `"seq":${j(e.seq)},"tenantId":${j(e.tenantId)},"userAgent":${j(e.userAgent)}}`;
  return createHash('sha256').update(e.prevHash).update('\n').update(body).digest('hex');
}

export function signHead(key: Buffer, h: Omit<AuditHead, 'signature'>): string {
  return createHmac('sha256', key).update(`${h.tenantId}|${h.lastSeq}|${h.lastHash}|${h.entryCount}`).digest('hex');
}

/** Whether the head's signature is this key's over its count and hash (a constant-time comparison). */
export function headSignatureValid(key: Buffer, head: AuditHead): boolean {
  const expected = signHead(key, head);
  return (
    head.signature !== null &&
    head.signature.length === expected.length &&
    timingSafeEqual(Buffer.from(head.signature), Buffer.from(expected))
  );
}

/** Links new entries after `head`; pure, so bulk appends hash in memory and insert in one statement. */
export function chainEntries(
  head: Pick<AuditHead, 'lastSeq' | 'lastHash'>,
  tenantId: string,
  inputs: (AuditInput & AuditActorInfo & { id: string; at: string })[],
): AuditEntry[] {
  let prevHash = head.lastHash;
  let seq = head.lastSeq;
  return inputs.map((input) => {
    seq += 1;
    const partial = { ...input, tenantId, seq, prevHash };
    const hash = entryHash(partial);
    prevHash = hash;
    return { ...partial, hash };
  });
}

export interface VerifyReport {
  ok: boolean;
  tenantId: string;
  checked: number;
  /** The first entry whose link or content does not verify. */
  firstBroken?: { seq: number; reason: string };
  /** Set when the signed head disagrees with the entries (truncation, removed tail, forged head). */
  headProblem?: string;
  /** The anchor outside the database the chain was compared with (none: no anchor written yet, or no anchor log). */
  anchor?: { epoch: number; entryCount: number; at: string };
  /** Set when the chain no longer holds what its anchor recorded (a rollback to an earlier head). */
  anchorProblem?: string;
  /** Lines of the anchor log that are not anchors signed with this key. */
  anchorLinesIgnored?: number;
}

/** Walks entries in seq order and checks every link, then the signed head's count and hash. */
export class ChainVerifier {
  private prevHash: string;
  private expectedSeq = 1;
  private checked = 0;
  private broken?: { seq: number; reason: string };

  constructor(private readonly tenantId: string) {
    this.prevHash = genesisHash(tenantId);
  }

  push(e: AuditEntry): void {
    this.checked += 1;
    if (this.broken) return;
    if (e.seq !== this.expectedSeq)
      this.broken = { seq: this.expectedSeq, reason: `entry ${this.expectedSeq} is missing (next found is ${e.seq})` };
    else if (e.prevHash !== this.prevHash)
      this.broken = { seq: e.seq, reason: 'prev_hash does not match the previous entry' };
    else if (entryHash(e) !== e.hash)
      this.broken = { seq: e.seq, reason: 'content does not match its hash (entry edited)' };
    this.prevHash = e.hash;
    this.expectedSeq = e.seq + 1;
  }

  finish(head: AuditHead | undefined, key: Buffer): VerifyReport {
    const report: VerifyReport = { ok: true, tenantId: this.tenantId, checked: this.checked };
    if (this.broken) report.firstBroken = this.broken;
    if (!head) {
      if (this.checked > 0) report.headProblem = 'entries exist but the chain head is missing';
    } else {
      if (!headSignatureValid(key, head))
        report.headProblem = 'the chain head signature does not verify (head forged or key changed)';
      else if (head.entryCount !== this.checked)
        report.headProblem = `the signed head records ${head.entryCount} entries but ${this.checked} were found (truncated)`;
      else if (this.checked > 0 && head.lastHash !== this.prevHash)
        report.headProblem = 'the signed head hash does not match the last entry';
    }
    report.ok = !report.firstBroken && !report.headProblem;
    return report;
  }
}
