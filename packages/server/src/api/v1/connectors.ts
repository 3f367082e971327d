import { RouteTable } from '../route-table.ts';
import { json } from '../context.ts';
import { connectorCatalog } from '../../domain/imports/index.ts';
import { loadedPlugins } from '../../plugins/catalog.ts';

/** The connectors this server loaded (built-in and third-party), each with its config JSON Schema. */
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
    async (c) => {
      const loaded = await loadedPlugins(c.get('deps').config);
      return json(c, 200, { items: connectorCatalog(loaded), problems: loaded.problems });
    },
  );
}
