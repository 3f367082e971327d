/** What a caller records; the chain adds seq, id, time and hashes. */
export interface AuditInput {
  action: string;
  entityType?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
  /** Definition versions the action used, e.g. `[{ kind: 'rule-set', key: 'match', version: 3 }]`. */
  definitions?: unknown;
  /** For bulk work: one entry per batch with the sha-256 of its records and their count. */
  batchSha256?: string;
  recordCount?: number;
}

export interface AuditActorInfo {
  actorType: 'user' | 'token' | 'system' | 'anonymous';
  actorId?: string;
  actorName?: string;
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export interface AuditEntry extends AuditInput, AuditActorInfo {
  tenantId: string;
  seq: number;
  id: string;
  at: string;
  prevHash: string;
  hash: string;
}

export interface AuditHead {
  tenantId: string;
  lastSeq: number;
  lastHash: string;
  entryCount: number;
  signature: string | null;
}
