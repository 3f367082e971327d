import type { Connector } from '@hexiao/plugins/sdk';
import type { ValidateFunction } from 'ajv';
import type { Executor } from '../../store/db.ts';
import { createAjv, toFieldErrors } from '../../schema/ajv.ts';
import { getDefinition } from '../definitions/index.ts';
import { HexiaoError, invalid } from '../errors.ts';
import { connectorConfigKind, type ConnectorConfigDocument, type ImportOptions } from './connector-config.kind.ts';

export interface ImportConfigRequest {
  connector: string;
  /** A published connector-config definition… */
  configKey?: string;
  configVersion?: number;
  /** …or an inline document, for a dry run only. */
  inline?: ConnectorConfigDocument;
  dryRun: boolean;
  /** The CLI (a system actor) may run a connector with its defaults or a config file; the API may not. */
  allowDefaults?: boolean;
}

export interface ResolvedImportConfig {
  connector: Connector<unknown>;
  config: Record<string, unknown>;
  options: Required<Pick<ImportOptions, 'unknownBankAccount' | 'unknownBuyer' | 'receipts'>> & ImportOptions;
  mapping?: ConnectorConfigDocument['mapping'];
  definition?: { key: string; version: number };
}

const defaultOptions = { unknownBankAccount: 'register', unknownBuyer: 'create', receipts: 'post' } as const;
const ajv = createAjv();
const validators = new WeakMap<object, ValidateFunction>();
const metaCheck = ajv.compile(connectorConfigKind.metaSchema);

function checkConnectorConfig(connector: Connector<unknown>, config: Record<string, unknown>): void {
  let check = validators.get(connector.configSchema);
  if (!check) validators.set(connector.configSchema, (check = ajv.compile(connector.configSchema)));
  if (!check(config))
    throw new HexiaoError('invalid_data', `config of connector ${connector.id} is invalid`, {
      errors: toFieldErrors(check.errors, '/config'),
    });
}

/** Finds the connector and its configuration (published definition, inline for a dry run, or defaults) and checks it. */
export async function resolveImportConfig(
  db: Executor,
  tenantId: string,
  connectors: ReadonlyMap<string, Connector<unknown>>,
  req: ImportConfigRequest,
): Promise<ResolvedImportConfig> {
  const connector = connectors.get(req.connector);
  if (!connector)
    throw invalid(
      '/connector',
      `is not a known connector (${req.connector}); known: ${[...connectors.keys()].join(', ')}`,
    );
  if (!connector.parse)
    throw invalid('/connector', `${req.connector} fetches from a remote feed; it cannot import a file`);
  let doc: ConnectorConfigDocument | undefined;
  let definition: ResolvedImportConfig['definition'];
  if (req.configKey) {
    if (req.inline) throw invalid('/config', 'give a configKey or an inline config, not both');
    const def = await getDefinition<ConnectorConfigDocument>(
      db,
      tenantId,
      'connector-config',
      req.configKey,
      req.configVersion ?? 'current',
    );
    if (def.status !== 'published')
      throw invalid('/configKey', `connector-config ${req.configKey} v${def.version} is ${def.status}, not published`);
    doc = def.document;
    definition = { key: def.key, version: def.version };
  } else if (req.inline) {
    if (!req.dryRun && !req.allowDefaults)
      throw invalid(
        '/config',
        'an inline config is only for a dry run (dryRun=true); publish a connector-config definition to import',
      );
    if (!metaCheck(req.inline))
      throw new HexiaoError('invalid_data', 'inline connector-config is invalid', {
        errors: toFieldErrors(metaCheck.errors, '/config'),
      });
    doc = req.inline;
  } else if (!req.allowDefaults)
    throw invalid(
      '/configKey',
      'is required: the key of a published connector-config definition (or dryRun with an inline config)',
    );
  if (doc && doc.connector !== connector.id)
    throw invalid('/configKey', `configures connector ${doc.connector}, not ${connector.id}`);
  const config = { ...((connector.defaults ?? {}) as Record<string, unknown>), ...(doc?.config ?? {}) };
  checkConnectorConfig(connector, config);
  return {
    connector,
    config,
    options: { ...defaultOptions, ...(doc?.options ?? {}) },
    mapping: doc?.mapping,
    definition,
  };
}
