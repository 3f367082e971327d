/** Shapes the server's /api/v1 returns (mirrors packages/server views; amounts are decimal strings). */
export interface Me {
  tenant: { id: string; slug: string; name: string; baseCurrency?: string };
  actor: { id: string; type: string; userId?: string; name: string; roles: string[]; user?: { email?: string } };
  permissions: string[];
  /** A data scope limits the actor to some customers: screens spanning all of them are hidden. */
  dataScoped?: boolean;
  csrfToken?: string;
}

export interface DefinitionKindInfo {
  kind: string;
  title: string;
  metaSchema: Record<string, unknown>;
}

export type VersionStatus = 'draft' | 'published' | 'archived';

export interface DefinitionVersion<Doc = unknown> {
  id: string;
  kind: string;
  key: string;
  version: number;
  status: VersionStatus;
  title: string | null;
  document: Doc;
  contentHash: string;
  basedOn: number | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  archivedAt: string | null;
}

export interface DiffEntry {
  op: 'add' | 'remove' | 'replace';
  pointer: string;
  from?: unknown;
  to?: unknown;
}

export interface Diagnostic {
  severity: 'error' | 'warning';
  code: string;
  pointer: string;
  message: string;
}

export interface TraceNode {
  op: string;
  pointer: string;
  inputs: unknown[];
  result?: unknown;
  error?: { code: string; message: string };
  children: TraceNode[];
}

export interface Explanation {
  result: unknown;
  trace: TraceNode | null;
  logs: unknown[];
  error?: { code: string; pointer: string; message: string };
  truncated: number;
}

export type RuleSubject = 'customer' | 'receivable' | 'receipt' | 'receipt-match';

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  [k: string]: unknown;
}

export interface ConnectorView {
  id: string;
  kind: string;
  version: string;
  title: string;
  description: string | null;
  accepts: string[];
  configSchema: JsonSchema;
  defaults: Record<string, unknown>;
  origin: string;
  canFetch: boolean;
}

export interface CurrencyTotals {
  read: { count: number; credits: string; debits: string };
  created: { count: number; credits: string; debits: string };
}

export interface ImportReport {
  importId: string | null;
  dryRun: boolean;
  connector: { id: string; version: string };
  definitions: { kind: string; key: string; version: number }[];
  files: { name: string; sha256: string; size: number; expandedFrom?: string }[];
  read: number;
  created: number;
  duplicates: number;
  rejected: number;
  totals: Record<string, CurrencyTotals>;
  receipts: { posted: number; unidentified: number; notPosted: number; reversed: number };
  documents: { created: number; customersCreated: number; creditNotesApplied?: number };
  rejections: {
    file: string;
    position: { index: number; line?: number; xpath?: string };
    reason: string;
    field?: string;
  }[];
  rejectionsOmitted: number;
  warnings: string[];
  startedAt: string;
  durationMs: number;
}

export interface ImportSummary {
  id: string;
  connector: string;
  connectorVersion: string;
  config: { key: string; version: number } | null;
  status: string;
  read: number;
  created: number;
  duplicates: number;
  rejected: number;
  createdBy: string;
  startedAt: string;
  finishedAt: string;
}

export interface Role {
  key: string;
  name: string;
  permissions: string[];
  dataScope: unknown;
  builtIn: boolean;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: string[];
  status: string;
  attributes?: Record<string, unknown>;
}

export interface Customer {
  id: string;
  code: string;
  name: string;
  region: string | null;
  salesOwner: string | null;
  billingEmail: string | null;
  currency: string | null;
  custom: Record<string, unknown>;
  [k: string]: unknown;
}

export interface LedgerDocument {
  id: string;
  type: string;
  number: string | null;
  customerId: string | null;
  currency: string;
  amount: string;
  openAmount: string | null;
  status: string | null;
  documentDate: string | null;
  dueDate: string | null;
  valueDate: string | null;
  reference: string | null;
  description: string | null;
  [k: string]: unknown;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}
