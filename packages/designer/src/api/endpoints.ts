import { api } from './client.ts';
import type {
  ConnectorView,
  Customer,
  DefinitionKindInfo,
  DefinitionVersion,
  Diagnostic,
  DiffEntry,
  Explanation,
  ImportReport,
  ImportSummary,
  JsonSchema,
  LedgerDocument,
  Me,
  Page,
  Role,
  RuleSubject,
  UserView,
} from './types.ts';
import type { Responses } from './responses.generated.ts';

const seg = encodeURIComponent;

/** The typed client: one function per server route the designer uses. */
export const auth = {
  me: () => api.get<Me>('/auth/me'),
  /** 200 either way: `{ authenticated: false }` when nobody is logged in (no failed request before login). */
  session: () => api.get<(Me & { authenticated: true }) | { authenticated: false }>('/auth/session'),
  login: (email: string, password: string, tenant?: string) =>
    api.post<{ csrfToken: string }>('/auth/login', { email, password, ...(tenant ? { tenant } : {}) }),
  logout: () => api.post<void>('/auth/logout'),
};

export const definitions = {
  kinds: () => api.get<{ items: DefinitionKindInfo[] }>('/definition-kinds'),
  list: (kind?: string) => api.get<{ items: DefinitionVersion[] }>('/definitions', { query: { kind } }),
  history: (kind: string, key: string) =>
    api.get<{ items: DefinitionVersion[] }>(`/definitions/${seg(kind)}/${seg(key)}`),
  get: <Doc>(kind: string, key: string, which: number | 'current' | 'draft') =>
    api.get<DefinitionVersion<Doc>>(`/definitions/${seg(kind)}/${seg(key)}/${which}`),
  validate: (kind: string, document: unknown) =>
    api.post<{ valid: boolean; errors: { pointer: string; reason: string }[] }>(`/definitions/${seg(kind)}/validate`, {
      document,
    }),
  saveDraft: (kind: string, key: string, document: unknown, title?: string) =>
    api.put<DefinitionVersion>(`/definitions/${seg(kind)}/${seg(key)}/draft`, {
      document,
      ...(title ? { title } : {}),
    }),
  discardDraft: (kind: string, key: string) => api.delete<void>(`/definitions/${seg(kind)}/${seg(key)}/draft`),
  publish: (kind: string, key: string) => api.post<DefinitionVersion>(`/definitions/${seg(kind)}/${seg(key)}/publish`),
  rollback: (kind: string, key: string, version: number) =>
    api.post<DefinitionVersion>(`/definitions/${seg(kind)}/${seg(key)}/${version}/rollback`),
  diff: (kind: string, key: string, from: number, to: number) =>
    api.get<{ from: number; to: number; changes: DiffEntry[] }>(`/definitions/${seg(kind)}/${seg(key)}/diff`, {
      query: { from, to },
    }),
};

/** The matching lab: a rule set's draft tried on history, and rules learned from what clerks settle by hand. */
export const matchingLab = {
  backtest: (body: { ruleSet: { key: string; version?: number }; from: string; to: string }) =>
    api.post<Responses['POST /matching-backtests']>('/matching-backtests', body),
  propose: (body: { ruleSet?: { key: string }; from: string; to: string; minSettlements?: number }) =>
    api.post<Responses['POST /matching-proposals']>('/matching-proposals', body),
};

/** An approval flow tried on a submission: the path, the people at each step and the guards' traces. */
export const flows = {
  simulate: (
    key: string,
    body: {
      version?: number | 'draft';
      form: Record<string, unknown>;
      customer?: Record<string, unknown>;
      subject?: Record<string, unknown>;
      requester?: string;
    },
  ) => api.post<Responses['POST /flows/:key/simulate']>(`/flows/${seg(key)}/simulate`, body),
};

/** A draft screen run as the published one would be: what it lists now, or its problems. */
export const screens = {
  preview: (document: unknown) => api.post<Responses['POST /screens/preview']>('/screens/preview', { document }),
};

export const rules = {
  language: () => api.get<{ schema: JsonSchema; subjects: RuleSubject[] }>('/rules/language'),
  subjectSchema: (subject: RuleSubject) => api.get<JsonSchema>(`/rules/subjects/${subject}/schema`),
  validate: (rule: unknown, o: { subject?: RuleSubject; schema?: JsonSchema }, signal?: AbortSignal) =>
    api.post<{ valid: boolean; diagnostics: Diagnostic[]; vars: string[] }>(
      '/rules/validate',
      { rule, ...o },
      { signal },
    ),
  explain: (rule: unknown, data: unknown) => api.post<Explanation>('/rules/explain', { rule, data }),
};

/** What the server's draft-form preview returns (POST /forms/preview). */
export interface FormPreview {
  definitionErrors: { pointer: string; reason: string }[];
  data: Record<string, unknown>;
  errors: { pointer: string; reason: string }[];
  states: { hidden: string[]; required: string[] };
  requiredAttachments: string[];
  notes: string[];
  customer: Record<string, unknown>;
  subject: { openAmount: string; daysOverdue: number; currency: string | null } | null;
}

export const forms = {
  preview: (
    body: { document: unknown; data?: Record<string, unknown>; receivableIds?: string[] },
    signal?: AbortSignal,
  ) => api.post<FormPreview>('/forms/preview', body, { signal }),
};

export const connectors = {
  list: () => api.get<{ items: ConnectorView[]; problems: { name: string; reason: string }[] }>('/connectors'),
};

export const imports = {
  list: (before?: string) => api.get<Page<ImportSummary>>('/imports', { query: { limit: 50, before } }),
  get: (id: string) => api.get<ImportSummary & { report: ImportReport }>(`/imports/${seg(id)}`),
};

export const roles = {
  permissions: () => api.get<{ permissions: string[]; scopeFields: Record<string, 'text' | 'number'> }>('/permissions'),
  list: () => api.get<{ items: Role[] }>('/roles'),
  save: (key: string, role: { name: string; permissions: string[]; dataScope: unknown }) =>
    api.put<Role>(`/roles/${seg(key)}`, role),
  preview: (userId: string, role?: string, dataScope?: unknown) =>
    api.post<{ customers: number; total: number; dataScope: unknown; user: { email: string; roles: string[] } }>(
      '/roles/scope-preview',
      { userId, ...(role ? { role, dataScope: dataScope ?? null } : {}) },
    ),
};

export const users = { list: () => api.get<{ items: UserView[] }>('/users') };

export const records = {
  customers: (q?: string) => api.get<Page<Customer>>('/customers', { query: { q, limit: 20 } }),
  customer: (id: string) => api.get<Customer>(`/customers/${seg(id)}`),
  receipts: () => api.get<Page<LedgerDocument>>('/receipts', { query: { limit: 20 } }),
  receivables: (customerId?: string) =>
    api.get<Page<LedgerDocument>>('/receivables', { query: { limit: 20, customerId } }),
  receipt: (id: string) => api.get<LedgerDocument>(`/receipts/${seg(id)}`),
  receivable: (id: string) => api.get<LedgerDocument>(`/receivables/${seg(id)}`),
};
