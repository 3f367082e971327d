import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataDirLockedError } from './lock.ts';
import { loadConfig } from '../config/config.ts';
import { openRuntime, type Runtime } from './runtime.ts';
import type { ReportProgress } from '../domain/progress.ts';

/** Where a running embedded server keeps its hand-off secret (its owner alone can read it). */
const secretFile = (dataDir: string) => join(dataDir, 'secrets', 'handoff.key');

/** The server side: writes the secret when it listens, removes it when it stops. */
export function publishHandoff(dataDir: string, secret: string): () => void {
  mkdirSync(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
  writeFileSync(secretFile(dataDir), secret, { mode: 0o600 });
  return () => rmSync(secretFile(dataDir), { force: true });
}

export interface HandoffTarget {
  url: string;
  secret: string;
  tenant?: string;
}

/**
 * When a command finds its embedded data folder held by a running `hexiao serve` that announced its URL and
 * left its hand-off secret: where to send the work instead. Anything else: undefined (the lock error stands).
 */
export function handoffTarget(e: unknown, tenant?: string): HandoffTarget | undefined {
  if (!(e instanceof DataDirLockedError) || e.holder.command !== 'serve' || !e.holder.url) return undefined;
  const file = secretFile(e.dataDir);
  if (!existsSync(file)) return undefined;
  // the tenant this command would act in: --tenant, else its own default (HEXIAO_TENANT), not the server's
  const slug = tenant ?? loadConfig(undefined, { auditKey: Buffer.alloc(0) }).defaultTenant;
  return { url: e.holder.url, secret: readFileSync(file, 'utf8').trim(), tenant: slug };
}

/**
 * Opens the data folder for a command, or, when a running server holds it, says where to hand the work:
 * the command then calls that server's API as the CLI's system actor and prints what it answers.
 */
export async function openOrHandOff(
  command: string,
  tenant?: string,
): Promise<{ rt: Runtime; target?: undefined } | { target: HandoffTarget; rt?: undefined }> {
  try {
    return { rt: await openRuntime(command) };
  } catch (e) {
    const target = handoffTarget(e, tenant);
    if (target) return { target };
    throw e;
  }
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: { pointer: string; reason: string }[];
}

/** One API call on the running server as the CLI's system actor; a problem answer becomes a one-line error. */
export async function callServer<T>(
  t: HandoffTarget,
  method: 'GET' | 'POST',
  path: string,
  o: { json?: unknown; form?: FormData; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${t.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${t.secret}`,
      ...(t.tenant ? { 'x-hexiao-tenant': t.tenant } : {}),
      ...(method === 'POST' ? { 'idempotency-key': randomUUID() } : {}),
      ...(o.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...o.headers,
    },
    ...(o.json !== undefined ? { body: JSON.stringify(o.json) } : o.form ? { body: o.form } : {}),
  });
  const body = (await res.json().catch(() => ({}))) as T & Problem;
  if (res.status >= 400) {
    const first = body.errors?.[0];
    throw new Error(
      `the running server refused it: ${body.detail ?? body.title ?? res.status}${first ? ` (${first.pointer}: ${first.reason})` : ''}`,
    );
  }
  return { status: res.status, body };
}

interface JobAnswer {
  id: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress?: { done: number; total: number | null; phase: string | null };
  result?: unknown;
  error?: { message: string };
}

/** Follows a job of the running server to its end, reporting its progress; resolves its result. */
export async function followJob(t: HandoffTarget, job: JobAnswer, progress: ReportProgress): Promise<unknown> {
  let current = job;
  for (;;) {
    const p = current.progress;
    if (p)
      await progress({ done: p.done, ...(p.total ? { total: p.total } : {}), ...(p.phase ? { phase: p.phase } : {}) });
    if (current.state === 'succeeded') return current.result;
    if (current.state === 'failed' || current.state === 'cancelled')
      throw new Error(`the job ${current.id} ${current.state}${current.error ? `: ${current.error.message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    current = (await callServer<JobAnswer>(t, 'GET', `/jobs/${current.id}`)).body;
  }
}
