#!/usr/bin/env node
// Builds the designer when dist/ is missing or stale; `pnpm start` and the browser tests call it, so a new
// user never runs a separate build. Staleness: a sha-256 over the inputs' contents (src, configs, the lock),
// compared with dist/.build-stamp — about 20 ms. `--force` rebuilds; `--start` never fails the caller
// (the API still starts, the landing page says the designer is not built).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stampFile = join(dist, '.build-stamp');
const args = new Set(process.argv.slice(2));
const inputs = [
  'src',
  'scripts',
  'index.html',
  'vite.config.ts',
  'tsconfig.json',
  'package.json',
  '../../pnpm-lock.yaml',
];

function files(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((n) => files(join(path, n)));
}

export function fingerprint() {
  const h = createHash('sha256');
  for (const f of inputs.flatMap((i) => files(join(root, i)))) {
    if (/\.test\.ts$/.test(f)) continue;
    h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  return h.digest('hex');
}

const fresh = () =>
  existsSync(join(dist, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint();

function run(cmd, argv) {
  // always a production build: a caller's NODE_ENV (vitest sets `test`) would otherwise bundle React's dev build
  const env = { ...process.env, NODE_ENV: 'production' };
  const r = spawnSync(process.execPath, [cmd, ...argv], { cwd: root, stdio: 'inherit', env });
  return r.status === 0;
}

/** One build at a time across processes (test workers, a start): a lock folder, waited on. */
function withLock(fn) {
  const lock = join(root, '.build-lock');
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 600_000 || Date.now() - statSync(lock).mtimeMs > 600_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function build() {
  if (!args.has('--force') && fresh()) {
    console.error('designer: build is up to date');
    return true;
  }
  console.error('designer: building (typecheck, then vite) …');
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  if (!run(tsc, ['-p', 'tsconfig.json', '--noEmit'])) return false;
  if (!run(join(root, 'node_modules/vite/bin/vite.js'), ['build', '--logLevel', 'warn'])) return false;
  writeFileSync(stampFile, fingerprint());
  console.error('designer: built into packages/designer/dist');
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ok = withLock(build);
  if (!ok) {
    console.error('designer: the build failed' + (args.has('--start') ? '; starting the server without it' : ''));
    process.exit(args.has('--start') ? 0 : 1);
  }
}
