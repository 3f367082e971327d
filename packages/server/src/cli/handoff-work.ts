import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { callServer, followJob, type HandoffTarget } from './handoff.ts';
import { cliProgress } from './progress.ts';

type Job = Parameters<typeof followJob>[1];

/** `hexiao match` on a running server: the run as a job, followed to its report. */
export async function handOffMatch(t: HandoffTarget, input: object): Promise<unknown> {
  const { body } = await callServer<Job>(t, 'POST', '/matching-runs', {
    json: input,
    headers: { prefer: 'respond-async' },
  });
  const progress = cliProgress('matching (on the running server)');
  return followJob(t, body, progress.report).finally(() => progress.end());
}

/** `hexiao remind` on a running server. */
export async function handOffRemind(t: HandoffTarget, input: object): Promise<unknown> {
  return (await callServer(t, 'POST', '/reminders/sweep', { json: input })).body;
}

/** `hexiao import` on a running server: one upload per file, each answered with its report or a job to follow. */
export async function handOffImport(
  t: HandoffTarget,
  o: {
    connector: string;
    files: string[];
    configKey?: string;
    configVersion?: number;
    dryRun: boolean;
    inline?: object;
  },
): Promise<unknown[]> {
  const reports: unknown[] = [];
  for (const path of o.files) {
    const form = new FormData();
    form.set('connector', o.connector);
    if (o.configKey) form.set('configKey', o.configKey);
    if (o.configVersion) form.set('configVersion', String(o.configVersion));
    if (o.dryRun) form.set('dryRun', 'true');
    if (o.inline) form.set('config', JSON.stringify(o.inline));
    form.set('file', new Blob([readFileSync(path)]), basename(path));
    const { status, body } = await callServer<Job>(t, 'POST', '/imports', { form });
    if (status !== 202) {
      reports.push(body);
      continue;
    }
    const progress = cliProgress(`import of ${basename(path)} (on the running server)`);
    reports.push(await followJob(t, body, progress.report).finally(() => progress.end()));
  }
  return reports;
}
