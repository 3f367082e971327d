import type { Connector } from '@hexiao/plugins/sdk';

/** A connector as the designer lists it: what it reads and the JSON Schema of its settings. */
export interface ConnectorView {
  id: string;
  kind: string;
  version: string;
  title: string;
  description: string | null;
  accepts: string[];
  configSchema: Record<string, unknown>;
  defaults: Record<string, unknown>;
  origin: string;
  canFetch: boolean;
}

/** The loaded connectors, sorted by kind then id, for choosing one and rendering its config form. */
export function connectorCatalog(loaded: {
  connectors: Map<string, Connector<unknown>>;
  origins: Map<string, string>;
}): ConnectorView[] {
  return [...loaded.connectors.values()]
    .map((c) => ({
      id: c.id,
      kind: c.kind,
      version: c.version,
      title: c.title ?? c.id,
      description: c.description ?? null,
      accepts: [...(c.accepts ?? [])],
      configSchema: c.configSchema,
      defaults: (c.defaults ?? {}) as Record<string, unknown>,
      origin: loaded.origins.get(c.id) ?? 'built-in',
      canFetch: typeof c.fetch === 'function',
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}
