/** A finding about a rule document, located by JSON pointer. */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly pointer: string;
  readonly message: string;
}
