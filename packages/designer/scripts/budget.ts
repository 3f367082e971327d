import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Bundle budget in kB (gzip): what the first page downloads, and the largest lazy chunk. */
export const budget = { initialGzipKb: 500, lazyChunkGzipKb: 1100, totalGzipKb: 2500 };

interface ChunkInfo {
  name: string;
  bytes: number;
  gzip: number;
  initial: boolean;
  modules: string[];
}

/**
 * Prints every output file's size (raw and gzip), marks what the entry page loads (the entry chunk and
 * its static imports), and fails the build when a budget is exceeded or the editor (monaco) is in the
 * initial graph: the first page must not download it.
 */
export function bundleBudget(): Plugin {
  return {
    name: 'hexiao-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const initial = new Set<string>();
      const visit = (file: string) => {
        if (initial.has(file)) return;
        initial.add(file);
        const c = bundle[file];
        if (c && c.type === 'chunk') c.imports.forEach(visit);
      };
      for (const [file, c] of Object.entries(bundle)) if (c.type === 'chunk' && c.isEntry) visit(file);
      const rows: ChunkInfo[] = Object.entries(bundle).map(([file, c]) => {
        const data = c.type === 'chunk' ? Buffer.from(c.code) : Buffer.from(c.source as string | Uint8Array);
        return {
          name: file,
          bytes: data.length,
          gzip: gzipSync(data).length,
          initial: initial.has(file) || (c.type === 'asset' && file.endsWith('.css') && isEntryCss(bundle, file)),
          modules: c.type === 'chunk' ? Object.keys(c.modules) : [],
        };
      });
      rows.sort((a, b) => b.gzip - a.gzip);
      const kb = (n: number) => (n / 1024).toFixed(1).padStart(8);
      const lines = rows
        .filter((r) => r.bytes > 2048)
        .map((r) => `${kb(r.bytes)} kB ${kb(r.gzip)} kB gz  ${r.initial ? 'initial' : 'lazy   '}  ${r.name}`);
      const initialGz = rows.filter((r) => r.initial).reduce((s, r) => s + r.gzip, 0);
      const totalGz = rows.reduce((s, r) => s + r.gzip, 0);
      const biggestLazy = rows
        .filter((r) => !r.initial && r.name.endsWith('.js'))
        .reduce((m, r) => Math.max(m, r.gzip), 0);
      console.log(`\nbundle (files over 2 kB; raw, gzip):\n${lines.join('\n')}`);
      if (process.env.HEXIAO_BUNDLE_MODULES) {
        // what the first page is made of, largest modules first (for budget work)
        const mods = Object.entries(bundle)
          .filter(([file, c]) => c.type === 'chunk' && initial.has(file))
          .flatMap(([, c]) => (c.type === 'chunk' ? Object.entries(c.modules) : []))
          .map(([id, m]) => [id.replace(/.*node_modules\//, ''), m.renderedLength] as const)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25);
        console.log(mods.map(([id, n]) => `${kb(n)} kB  ${id}`).join('\n'));
      }
      console.log(
        `first page: ${kb(initialGz)} kB gz (budget ${budget.initialGzipKb}) · largest lazy chunk ${kb(biggestLazy)} kB gz (budget ${budget.lazyChunkGzipKb}) · total ${kb(totalGz)} kB gz (budget ${budget.totalGzipKb})`,
      );
      const problems: string[] = [];
      const monacoInitial = rows.filter((r) => r.initial && r.modules.some((m) => m.includes('/monaco-editor/')));
      if (monacoInitial.length) problems.push(`the first page loads the editor (${monacoInitial[0]!.name})`);
      if (initialGz / 1024 > budget.initialGzipKb) problems.push(`first page ${kb(initialGz)} kB gz over budget`);
      if (biggestLazy / 1024 > budget.lazyChunkGzipKb)
        problems.push(`a lazy chunk of ${kb(biggestLazy)} kB gz over budget`);
      if (totalGz / 1024 > budget.totalGzipKb) problems.push(`total ${kb(totalGz)} kB gz over budget`);
      if (problems.length) this.error(`bundle budget: ${problems.join('; ')}`);
    },
  };
}

function isEntryCss(bundle: Record<string, { type: string; isEntry?: boolean; viteMetadata?: unknown }>, css: string) {
  for (const c of Object.values(bundle)) {
    const meta = c.viteMetadata as { importedCss?: Set<string> } | undefined;
    if (c.type === 'chunk' && c.isEntry && meta?.importedCss?.has(css)) return true;
  }
  return false;
}
