import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendAnchorLines, readAnchorLines } from '../../store/audit-anchor-file.ts';

/**
 * A signed copy of a tenant's chain head kept outside the database. Deleting the log's tail and restoring an
 * earlier signed head verifies clean inside the database; against an anchor written before the rollback it
 * does not. A deliberate restore from backup starts a new epoch (audited), after which older anchors no
 * longer bind.
 */
export interface AuditAnchor {
  v: 1;
  tenantId: string;
  epoch: number;
  entryCount: number;
  lastSeq: number;
  lastHash: string;
  at: string;
  sig: string;
}

type Unsigned = Omit<AuditAnchor, 'sig'>;

const signed = (a: Unsigned) =>
  `anchor|${a.v}|${a.tenantId}|${a.epoch}|${a.entryCount}|${a.lastSeq}|${a.lastHash}|${a.at}`;

export function signAnchor(key: Buffer, a: Unsigned): AuditAnchor {
  return { ...a, sig: createHmac('sha256', key).update(signed(a)).digest('hex') };
}

function verifies(key: Buffer, a: AuditAnchor): boolean {
  const expected = Buffer.from(signAnchor(key, a).sig);
  const given = Buffer.from(String(a.sig));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const isAnchor = (x: unknown): x is AuditAnchor => {
  const a = x as Partial<AuditAnchor> | null;
  return (
    !!a &&
    a.v === 1 &&
    typeof a.tenantId === 'string' &&
    Number.isSafeInteger(a.epoch) &&
    Number.isSafeInteger(a.entryCount) &&
    Number.isSafeInteger(a.lastSeq) &&
    typeof a.lastHash === 'string' &&
    typeof a.at === 'string' &&
    typeof a.sig === 'string'
  );
};

/** The binding anchor: the highest epoch, and in it the longest chain recorded. */
export const newer = (a: AuditAnchor, b: AuditAnchor | undefined) =>
  !b || a.epoch > b.epoch || (a.epoch === b.epoch && a.entryCount > b.entryCount);

export interface AnchorLog {
  /** Each tenant's binding anchor. */
  newest: Map<string, AuditAnchor>;
  /** Lines that are not anchors signed with this key (a torn last write, another key, an edit). */
  ignored: number;
}

export async function readAnchors(file: string, key: Buffer): Promise<AnchorLog> {
  const newest = new Map<string, AuditAnchor>();
  let ignored = 0;
  for (const line of await readAnchorLines(file)) {
    let a: unknown;
    try {
      a = JSON.parse(line);
    } catch {
      ignored += 1;
      continue;
    }
    if (!isAnchor(a) || !verifies(key, a)) ignored += 1;
    else if (newer(a, newest.get(a.tenantId))) newest.set(a.tenantId, a);
  }
  return { newest, ignored };
}

export function writeAnchors(file: string, anchors: readonly AuditAnchor[]): Promise<void> {
  return appendAnchorLines(
    file,
    anchors.map((a) => JSON.stringify(a)),
  );
}

/** Why a chain does not hold what its anchor recorded, or undefined when it does. */
export function anchorMismatch(
  anchor: AuditAnchor,
  chain: { entryCount: number; hashAtAnchorSeq: string | undefined },
): string | undefined {
  const when = `the anchor of ${anchor.at} (epoch ${anchor.epoch})`;
  if (chain.entryCount < anchor.entryCount)
    return `${when} records ${anchor.entryCount} entries but the chain has ${chain.entryCount}: entries were removed and the head restored from an earlier state`;
  if (anchor.entryCount > 0 && chain.hashAtAnchorSeq !== anchor.lastHash)
    return `${when} records entry ${anchor.lastSeq} with another hash: the chain was rewritten after it was anchored`;
  return undefined;
}
