import { csrf } from './client.ts';
import { ApiError, type Problem } from './problem.ts';
import type { ImportReport } from './types.ts';
import type { JobView } from './workbench-types.ts';
import { jobs } from './workbench.ts';

export interface UploadProgress {
  /** 'upload' while bytes go out (loaded/total known), 'processing' while the server imports them. */
  phase: 'upload' | 'processing';
  loaded: number;
  total: number;
}

/**
 * POST /imports as multipart through XMLHttpRequest, whose upload events give a real progress bar
 * (fetch has none). Resolves with the import report; refuses with the problem document.
 */
export function uploadImport(
  fields: Record<string, string>,
  file: File,
  onProgress: (p: UploadProgress) => void,
  idempotencyKey: string,
): { promise: Promise<ImportReport>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<ImportReport>((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name);
    xhr.open('POST', '/api/v1/imports');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', idempotencyKey);
    const token = csrf();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) =>
      onProgress({ phase: 'upload', loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => onProgress({ phase: 'processing', loaded: file.size, total: file.size });
    xhr.onerror = () =>
      reject(new ApiError({ type: 'network', title: 'Network error', status: 0, detail: 'the upload failed' }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 202) followJob(body as JobView, onProgress).then(resolve, reject);
      else if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportReport);
      else
        reject(
          new ApiError({
            type: 'about:blank',
            title: xhr.statusText,
            status: xhr.status,
            detail: `${xhr.status}`,
            ...((body ?? {}) as Partial<Problem>),
          }),
        );
    };
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/**
 * An import that outlasts the server's wait runs on as a job (202): its progress shows as processing, and its
 * end gives the report, or the refusal as the request would have had it.
 */
async function followJob(job: JobView, onProgress: (p: UploadProgress) => void): Promise<ImportReport> {
  for (;;) {
    if (job.state === 'succeeded') return job.result as ImportReport;
    if (job.state === 'failed' || job.state === 'cancelled')
      throw new ApiError({
        type: job.error?.type ?? 'about:blank',
        title: job.state,
        status: 422,
        detail: job.error?.message ?? job.state,
        ...(job.error?.errors ? { errors: job.error.errors } : {}),
      });
    onProgress({ phase: 'processing', loaded: job.progress.done, total: job.progress.total ?? 0 });
    await new Promise((r) => setTimeout(r, 500));
    job = await jobs.get(job.id);
  }
}
