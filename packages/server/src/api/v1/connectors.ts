import { RouteTable } from '../route-table.ts';
import { json } from '../context.ts';
import { connectorCatalog } from '../../domain/imports/index.ts';

/** The connectors this server loaded at start-up (built-in and third-party), each with its config JSON Schema. */
export function connectorRoutes(): RouteTable {
  return new RouteTable().add(
    {
      method: 'get',
      path: '/connectors',
      access: 'import.read',
      summary: 'Loaded connectors with their configSchema (rendered by the designer) and plugins that failed to load',
      tags: ['imports'],
      response: { status: 200 },
    },
    (c) => {
      const loaded = c.get('deps').plugins;
      return json(c, 200, { items: connectorCatalog(loaded), problems: loaded.problems });
    },
  );
}
