import type { DomainDeps } from '../deps.ts';

/**
 * What ledger use-cases need. `fault` is a test seam: called between the steps of a posting so a
 * property test can fail the transaction there and check that nothing was written.
 */
export interface LedgerDeps extends DomainDeps {
  fault?: (step: string) => void;
}
