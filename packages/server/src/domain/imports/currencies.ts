import { isRejection, type Connector, type ParseOutput } from '@hexiao/plugins/sdk';
import type { Executor } from '../../store/db.ts';
import { expandInputs } from './expand-input.ts';
import { resolveImportConfig } from './resolve-config.ts';
import type { RunImportInput } from './run-import.ts';

/** The currency a record is in (a rate's quote currency, a customer's own currency when it has one). */
function currencyOf(out: ParseOutput): string | undefined {
  if (isRejection(out) || out.type === 'statement') return undefined;
  return out.type === 'fx-rate' ? out.to : out.currency;
}

/**
 * The currencies the records of an import are in, read from the files without storing anything: a fresh tenant
 * takes its base currency from an import whose records all share one. Stops reading at the second currency; a
 * file that cannot be read further (or a failing connector) ends the reading there, the import itself reports it.
 */
export async function importCurrencies(
  deps: { db: Executor; connectors: ReadonlyMap<string, Connector<unknown>>; maxExpandedBytes: number },
  tenantId: string,
  input: RunImportInput,
): Promise<Set<string>> {
  const cfg = await resolveImportConfig(deps.db, tenantId, deps.connectors, input);
  const found = new Set<string>();
  const { inputs, cleanup } = await expandInputs(input.files, deps.maxExpandedBytes);
  try {
    for (const { input: file } of inputs) {
      try {
        for await (const out of cfg.connector.parse!(file, { config: cfg.config, warn: () => {} })) {
          const c = currencyOf(out);
          if (c) found.add(c);
          if (found.size > 1) return found;
        }
      } catch {
        // what cannot be read (or a failing connector) the import itself reports; the reading ends here
      }
    }
    return found;
  } finally {
    cleanup();
  }
}
