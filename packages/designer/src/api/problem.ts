/** An RFC 9457 problem as the server sends it, with one entry per refused field. */
export interface FieldError {
  pointer: string;
  reason: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  record?: string;
  requestId?: string;
}

/** A failed API call: the problem document (or a network failure as status 0). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }
  get status() {
    return this.problem.status;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/**
 * The errors under a pointer prefix, re-rooted: the server reports `/document/fields/x` for a draft body
 * `{ document }`; an editor of the document wants `/fields/x`.
 */
export function errorsUnder(errors: readonly FieldError[], prefix: string): FieldError[] {
  return errors
    .filter((e) => e.pointer === prefix || e.pointer.startsWith(`${prefix}/`))
    .map((e) => ({ pointer: e.pointer.slice(prefix.length) || '/', reason: e.reason }));
}

/** Splits a JSON pointer into its unescaped tokens (`/a~1b/0` → ['a/b', '0']). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Builds an RJSF `extraErrors` tree from pointers: `{ amount: { __errors: ['…'] } }`. */
export function toErrorSchema(errors: readonly FieldError[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const e of errors) {
    let node = root;
    for (const t of pointerTokens(e.pointer)) node = (node[t] ??= {}) as Record<string, unknown>;
    ((node.__errors ??= []) as string[]).push(e.reason);
  }
  return root;
}
