import type { ParseOutput } from './records.ts';

export const connectorBrand = Symbol.for('hexiao:connector');

export type ConnectorKind = 'bank-feed' | 'e-invoice' | 'sales-order' | (string & {});

/** What a connector reads: a file-like source that can be streamed more than once. */
export interface ConnectorInput {
  name: string;
  size: number;
  stream(): AsyncIterable<Uint8Array>;
}

export interface ParseContext<Config = unknown> {
  config: Config;
  /** Non-fatal remarks (e.g. "balances do not reconcile"); the pipeline stores them on the report. */
  warn(message: string): void;
  /** Cancels a long parse (upload aborted, server shutting down). */
  signal?: AbortSignal;
}

export interface FetchContext<Config = unknown> extends ParseContext<Config> {
  /** Where the previous fetch stopped, as the connector stored it. */
  cursor?: string;
}

export interface ConnectorSpec<Config = unknown> {
  id: string;
  kind: ConnectorKind;
  version: string;
  title?: string;
  description?: string;
  /** File name patterns the connector usually reads, e.g. ['*.xml']. */
  accepts?: string[];
  /** JSON Schema of the config: rendered by the designer (RJSF), checked by the server (ajv). */
  configSchema: Record<string, unknown>;
  /** Default config, merged under the given one. */
  defaults?: Partial<Config>;
  parse?(input: ConnectorInput, ctx: ParseContext<Config>): AsyncIterable<ParseOutput>;
  fetch?(ctx: FetchContext<Config>): AsyncIterable<ParseOutput>;
  /**
   * Optional, for the conformance kit: counts the source items (camt entries, MT940 `:61:` lines, BAI2
   * `16` records, CSV data rows…) in the input by a path independent of `parse`. Every index
   * `0 … n-1` must then be covered by a yielded record (other than a statement) or a rejection whose
   * `position.index` is that index.
   */
  count?(input: ConnectorInput, ctx: ParseContext<Config>): Promise<number>;
  /** Checks a connection or a config; throws or returns a message. */
  test?(config: Config): Promise<{ ok: boolean; message?: string }>;
}

export type Connector<Config = unknown> = Readonly<ConnectorSpec<Config>> & {
  readonly [connectorBrand]: true;
};

const idPattern = /^[a-z][a-z0-9-]{1,62}$/;

/** Declares a connector. Returns a frozen, branded object; throws on an invalid declaration. */
export function defineConnector<Config = unknown>(spec: ConnectorSpec<Config>): Connector<Config> {
  if (!idPattern.test(spec.id)) throw new TypeError(`connector id "${spec.id}" must be kebab-case (a-z, 0-9, -)`);
  if (!spec.parse && !spec.fetch) throw new TypeError(`connector ${spec.id}: needs parse or fetch`);
  if (!spec.version) throw new TypeError(`connector ${spec.id}: version is required`);
  if (typeof spec.configSchema !== 'object' || spec.configSchema === null)
    throw new TypeError(`connector ${spec.id}: configSchema must be a JSON Schema object`);
  return Object.freeze({ ...spec, [connectorBrand]: true as const });
}

/** True for any connector, including one built against another copy of the SDK. */
export function isConnector(x: unknown): x is Connector {
  return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[connectorBrand] === true;
}
