import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtInConnectors, isConnector, type Connector } from '@hexiao/plugins';

export interface PluginProblem {
  /** The module (folder or package name) that failed. */
  name: string;
  reason: string;
}

export interface LoadedPlugins {
  connectors: Map<string, Connector<unknown>>;
  /** Where each connector came from: `built-in`, a folder or a package name. */
  origins: Map<string, string>;
  problems: PluginProblem[];
}

export interface LoadOptions {
  /** A folder whose sub-folders (or .js/.ts files) are plugin modules. */
  folder?: string;
  /** npm package names resolvable from the server. */
  packages?: string[];
}

/** A module's connectors: its default export, or an array of them, or named exports that are connectors. */
function connectorsOf(mod: Record<string, unknown>): Connector<unknown>[] {
  const candidates = [
    mod.default,
    ...(Array.isArray(mod.default) ? mod.default : []),
    ...(Array.isArray(mod.connectors) ? mod.connectors : []),
  ];
  return candidates.filter(isConnector) as Connector<unknown>[];
}

function folderModules(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => !n.startsWith('.') && n !== 'node_modules')
    .map((n) => join(folder, n))
    .filter((p) => statSync(p).isDirectory() || /\.(m?js|ts)$/.test(p));
}

/** Resolves a folder plugin's entry: the first of index.ts, index.js, src/index.ts, src/index.js, dist/index.js. */
function entryOf(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  for (const f of ['index.ts', 'index.js', 'src/index.ts', 'src/index.js', 'dist/index.js'])
    if (existsSync(join(path, f))) return join(path, f);
  throw new Error('has no index.ts, index.js, src/index.ts or dist/index.js');
}

/**
 * Loads the built-in connectors, then third-party ones from a folder and from npm package names.
 * A plugin that fails to load, exports no connector, or reuses a taken id is reported with its name
 * and reason; it never takes the server down.
 */
export async function loadPlugins(options: LoadOptions = {}): Promise<LoadedPlugins> {
  const connectors = new Map<string, Connector<unknown>>();
  const origins = new Map<string, string>();
  const problems: PluginProblem[] = [];
  const add = (c: Connector<unknown>, origin: string) => {
    const taken = origins.get(c.id);
    if (taken) {
      problems.push({ name: origin, reason: `connector id ${c.id} is already provided by ${taken}` });
      return;
    }
    connectors.set(c.id, c);
    origins.set(c.id, origin);
  };
  for (const c of builtInConnectors) add(c as Connector<unknown>, 'built-in');

  const sources: { name: string; load: () => Promise<Record<string, unknown>> }[] = [
    ...(options.folder ? folderModules(resolve(options.folder)) : []).map((p) => ({
      name: p,
      load: () => import(pathToFileURL(entryOf(p)).href) as Promise<Record<string, unknown>>,
    })),
    ...(options.packages ?? []).map((name) => ({ name, load: () => import(name) as Promise<Record<string, unknown>> })),
  ];
  for (const source of sources) {
    try {
      const found = connectorsOf(await source.load());
      if (!found.length) throw new Error('exports no connector (default-export defineConnector({...}))');
      for (const c of found) add(c, source.name);
    } catch (e) {
      problems.push({ name: source.name, reason: (e as Error).message.split('\n')[0]! });
    }
  }
  return { connectors, origins, problems };
}
