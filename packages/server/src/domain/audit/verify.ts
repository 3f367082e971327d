import { readAuditEntries, readAuditHead } from '../../store/repos/audit.ts';
import type { DomainDeps } from '../deps.ts';
import { anchorMismatch, readAnchors } from './anchors.ts';
import { ChainVerifier, type VerifyReport } from './chain.ts';

/**
 * Walks the whole chain of a tenant and checks the signed head: reports the first broken link. With an anchor
 * log, the chain must also still hold the newest anchor written outside the database.
 */
export async function verifyAudit(
  deps: DomainDeps,
  tenantId: string,
  o: { anchorFile?: string } = {},
): Promise<VerifyReport> {
  const anchors = o.anchorFile ? await readAnchors(o.anchorFile, deps.auditKey) : undefined;
  const anchor = anchors?.newest.get(tenantId);
  const verifier = new ChainVerifier(tenantId);
  let hashAtAnchorSeq: string | undefined;
  for await (const e of readAuditEntries(deps.db, tenantId)) {
    if (e.seq === anchor?.lastSeq) hashAtAnchorSeq = e.hash;
    verifier.push(e);
  }
  const report = verifier.finish(await readAuditHead(deps.db, tenantId), deps.auditKey);
  if (!anchors) return report;
  report.anchorLinesIgnored = anchors.ignored;
  if (!anchor) return report;
  report.anchor = { epoch: anchor.epoch, entryCount: anchor.entryCount, at: anchor.at };
  const problem = anchorMismatch(anchor, { entryCount: report.checked, hashAtAnchorSeq });
  if (problem) report.anchorProblem = problem;
  report.ok = report.ok && !problem;
  return report;
}
