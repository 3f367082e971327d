import { loadPlugins, type LoadedPlugins } from './loader.ts';

const loaded = new Map<string, Promise<LoadedPlugins>>();

/** The plugins of a configuration, loaded once per process (module imports are cached anyway). */
export function loadedPlugins(o: { pluginsDir?: string; pluginPackages: string[] }): Promise<LoadedPlugins> {
  const key = JSON.stringify([o.pluginsDir ?? null, o.pluginPackages]);
  let p = loaded.get(key);
  if (!p) loaded.set(key, (p = loadPlugins({ folder: o.pluginsDir, packages: o.pluginPackages })));
  return p;
}
